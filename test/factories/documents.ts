/**
 * Test factory: a 公文 in one call, through the service (the same use cases as the routes, with
 * their checks, audit entries and notifications), on whichever dialect the environment runs.
 */
import type { DocumentsService } from '../../server/modules/documents/documents.service.js';
import type { DraftInput } from '../../server/modules/documents/documents.schema.js';
import type { TestEnv } from '../harness.js';
import { actorOf } from './actors.js';

/** How far the outgoing document has gone: 起草, 送审 (one reviewer), 审核通过 (待签发). */
export type OutgoingStage = 'draft' | 'reviewing' | 'to_sign';

/** Who plays each part (demo usernames); the defaults are the 综合处 drafter and reviewer and the 主任 as signer. */
export interface OutgoingParts {
  drafter?: string;
  reviewer?: string;
  signer?: string;
}

/** A document built by the factory, with its current version and status. */
export interface BuiltDocument {
  id: number;
  version: number;
  status: string;
}

/** A valid outgoing draft (通知, 非密, 青委办发), with `over` applied. */
export function draftInput(env: TestEnv, signer: string, over: Partial<DraftInput> = {}): DraftInput {
  return {
    docType: '通知',
    title: '关于做好年度公文归档工作的通知',
    level: 0,
    urgency: 'normal',
    orgCode: '青委办发',
    issuerOrgan: '中共青州市委办公厅文件',
    flow: 'down',
    signerId: env.demo.userByName[signer],
    mainTo: '各区委办公室，市直各单位',
    bodyHtml: '<p>现就做好年度公文归档工作通知如下。</p>',
    signature: '中共青州市委办公厅',
    printOrgan: '中共青州市委办公厅',
    ...over,
  } as DraftInput;
}

/** Builds an outgoing document up to `stage` (default 起草), through `DocumentsService`. */
export async function buildOutgoingDocument(
  env: TestEnv,
  opts: { stage?: OutgoingStage; parts?: OutgoingParts; input?: Partial<DraftInput> } = {},
): Promise<BuiltDocument> {
  const parts = { drafter: 'zhc_zheng', reviewer: 'zhc_wu', signer: 'zr_chen', ...opts.parts };
  const svc = env.ctx.services.documents as DocumentsService;
  const drafter = await actorOf(env, parts.drafter);
  const { id } = await svc.draft(drafter, draftInput(env, parts.signer, opts.input));
  let doc: BuiltDocument = { id, version: 1, status: 'draft' };
  if (opts.stage === undefined || opts.stage === 'draft') return doc;
  doc = await svc.transition(drafter, id, 'submit', { version: doc.version, reviewerIds: [env.demo.userByName[parts.reviewer]!] });
  if (opts.stage === 'reviewing') return doc;
  return svc.transition(await actorOf(env, parts.reviewer), id, 'approve', { version: doc.version });
}

/**
 * The side effects of each workflow step of a 公文, one handler per action, declared beside
 * `documents.workflow.ts` (the state machines). The `transition` use case loads, authorizes,
 * runs the handler, then lets the workflow engine write the state, the audit entry and the notices.
 */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { grantShare } from '../../platform/authz.js';
import { chinaYear } from '../../platform/clock.js';
import type { AppContext } from '../../platform/module.js';
import { nextSerial } from '../../platform/numbering.js';
import { RETENTION_NAMES } from './documents.constants.js';
import { incomingSteps } from './documents.incoming-steps.js';
import { outgoingSteps } from './documents.outgoing-steps.js';
import type { LoadedDocument } from './documents.policy.js';
import type { TransitionInput } from './documents.schema.js';
import { unitIdByCode, unitShortName } from './repo/documents.people.js';

/** A notification of a step. */
export interface StepMessage {
  kind: string;
  title: string;
  body: string;
  link: string;
  level: number;
}

/** What a step handler gets: the open transaction, the loaded (and authorized) document, the input. */
export interface StepContext {
  ctx: AppContext;
  trx: Trx;
  actor: Actor;
  d: LoadedDocument;
  action: string;
  input: TransitionInput;
  /** The time of the step (ISO) and its date in China. */
  at: string;
  today: string;
  /** A notification about this document. */
  msg(kind: string, title: string, body?: string): StepMessage;
}

/** What a handler plans; the engine applies `set` with the new state, then `after` runs, in the same transaction. */
export interface StepPlan {
  set: Record<string, unknown>;
  notify: { userIds: number[]; message: StepMessage }[];
  /** The input the engine checks for required fields. */
  wfInput: Record<string, unknown>;
  /** The comment of the step record and the audit entry. */
  comment: string | null;
  /** Writes that need the new state (handlers, reviews, copies…). */
  after: (() => Promise<void>) | null;
}

/** A step's handler: checks its input, fills the plan. */
export type StepHandler = (s: StepContext, plan: StepPlan) => Promise<void>;

/** 归档 (both directions): the 档号 by organ, retention and year; the 档案室 gets need-to-know. */
export const archiveStep: StepHandler = async ({ ctx, trx, actor, d, input, at }, plan) => {
  const ret = input.retention!;
  const year = d.year ?? chinaYear(ctx.clock.now());
  const organ = d.org_code ?? (await unitShortName(trx, d.owner_unit_id));
  let archiveNo: string | null = null;
  if (ret) {
    const n = await nextSerial(trx, `归档:${organ}:${ret}`, year);
    archiveNo = `${year}-${organ}-${RETENTION_NAMES[ret as keyof typeof RETENTION_NAMES].code}-${String(n).padStart(4, '0')}`;
    Object.assign(plan.set, { retention: ret, archive_no: archiveNo, archived_at: at });
  }
  plan.after = async () => {
    const archives = await unitIdByCode(trx, 'archives');
    if (archives)
      await grantShare(trx, { itemType: 'document', itemId: d.id, granteeType: 'unit', granteeId: archives, grantedBy: actor.id, at: ctx.clock.now() });
    // 保密档案's 案卷目录 lists the archived document (its 保密期限 review scheduled there)
    if (archiveNo)
      await ctx.services.archives?.registerDocument(trx, actor, {
        documentId: d.id,
        title: d.title,
        number: d.doc_no ?? d.receive_no,
        level: d.level,
        secrecyTerm: d.secrecy_term,
        ownerUnitId: d.owner_unit_id,
        archiveNo,
        retention: ret as keyof typeof RETENTION_NAMES,
      });
  };
};

/** The handler of each action, by direction; an action without one only changes the state. */
export const STEPS: Record<'in' | 'out', Readonly<Record<string, StepHandler>>> = {
  in: { ...incomingSteps, archive: archiveStep },
  out: { ...outgoingSteps, archive: archiveStep },
};

/**
 * 归档: the 档案处 archives a closed item of another module directly (no request step): the source module's
 * dossier (through its contract) is rendered into one PDF bundle, kept in the blob store, and the record
 * gets its 档号 `年度-立卷单位-保管期限代码-序号` from the same counter as 公文's 档号 (one sequence per organ,
 * retention and year). 公文 register themselves when archived (`registerDocument`, no bundle).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import type { Dossier, DossierSource } from '../../../platform/dossier.js';
import { ConflictError, NotFoundError, RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { nextSerial } from '../../../platform/numbering.js';
import { canSee } from '../../../platform/authz.js';
import { officeActions } from '../archives.policy.js';
import * as repo from '../archives.repo.js';
import { bundlePdf } from '../archives.bundle.js';
import { BUNDLED_SOURCES, DEFAULT_SECRECY_YEARS, RETENTION_NAMES, SOURCES, type Retention } from '../archives.constants.js';
import { scheduleSecrecy, today } from './common.js';
import { getRecord } from './read.js';

/** What the 档案处 gives to archive an item. */
export interface ArchiveInput {
  sourceType: (typeof BUNDLED_SOURCES)[number];
  sourceId: number;
  retention: Retention;
  /** 保密期限: required when the item is classified; default by level when omitted. */
  secrecyUntil?: string | null;
}

/** The contract of the module holding `sourceType`, if it runs in this app. */
export function sourceOf(ctx: AppContext, sourceType: string): DossierSource | null {
  const s =
    sourceType === 'supervision_item'
      ? ctx.services.supervision
      : sourceType === 'petition_case'
        ? ctx.services.petitions
        : sourceType === 'meeting'
          ? ctx.services.meetings
          : sourceType === 'reception_plan'
            ? ctx.services.reception
            : sourceType === 'research_topic'
              ? ctx.services.research
              : undefined;
  return s?.dossier && s.archivable ? { dossier: (db, id) => s.dossier!(db, id), archivable: (db, o) => s.archivable!(db, o) } : null;
}

/** The 保密期限 of a new record: the given date, or the default years after `from` for its level. */
export function secrecyOf(level: number, given: string | null | undefined, from: string): string | null {
  if (level === 0) return null;
  if (given) return given;
  const years = DEFAULT_SECRECY_YEARS[level] ?? 10;
  return `${Number(from.slice(0, 4)) + years}${from.slice(4, 10)}`;
}

/** Takes the next 档号 of an organ (short unit name), retention and year. */
export async function nextArchiveNo(trx: Trx, organ: string, retention: Retention, year: number): Promise<string> {
  const n = await nextSerial(trx, `归档:${organ}:${retention}`, year);
  return `${year}-${organ}-${RETENTION_NAMES[retention].code}-${String(n).padStart(4, '0')}`;
}

async function keepBundle(ctx: AppContext, pdf: Buffer): Promise<{ sha256: string; size: number }> {
  const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  const tmp = path.join(os.tmpdir(), `zs-bundle-${crypto.randomUUID()}.pdf`);
  fs.writeFileSync(tmp, pdf, { mode: 0o600 });
  try {
    await ctx.files.blobs.put(sha256, pdf.length, tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { sha256, size: pdf.length };
}

async function loadDossier(ctx: AppContext, db: Db, actor: Actor, input: ArchiveInput): Promise<Dossier> {
  const source = sourceOf(ctx, input.sourceType);
  if (!source) throw new RuleError('archives.unknown_source');
  const d = await source.dossier(db, input.sourceId);
  if (!d) throw new RuleError('archives.not_archivable');
  // the archivist must be cleared for the item (else it does not exist for them)
  if (!canSee(actor, { level: d.level, unitIds: [actor.unitId] })) throw new NotFoundError();
  return d;
}

/** Archives a closed item: the bundle is rendered before the (short) transaction. */
export async function archiveItem(ctx: AppContext, actor: Actor, input: ArchiveInput) {
  const scope = await repo.scopeOf(ctx.db, actor);
  authorize(actor, officeActions.archive, scope, { action: 'archives.archive', targetType: 'archive_record' });
  if (await repo.findRecordBySource(ctx.db, input.sourceType, input.sourceId)) throw new ConflictError('archives.already_archived');
  const d = await loadDossier(ctx, ctx.db, actor, input);
  const now = ctx.clock.now();
  const at = iso(now);
  const until = secrecyOf(d.level, input.secrecyUntil, today(ctx));
  const units = await repo.unitNames(ctx.db, [d.ownerUnitId]);
  const organ = units.get(d.ownerUnitId) ?? '办公厅';
  const year = chinaYear(now);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findRecordBySource(trx, input.sourceType, input.sourceId)) throw new ConflictError('archives.already_archived');
    const archiveNo = await nextArchiveNo(trx, organ, input.retention, year);
    // the PDF is rendered inside: its cover carries the 档号 taken here (a rollback gives the number back)
    const pdf = await bundlePdf(d, { archiveNo, retention: RETENTION_NAMES[input.retention].zh, secrecyUntil: until, ownerUnit: organ, archivedAt: at });
    const blob = await keepBundle(ctx, pdf);
    const recordId = await repo.insertRecord(trx, {
      archive_no: archiveNo,
      year,
      source_module: SOURCES[input.sourceType].module,
      source_type: input.sourceType,
      source_id: input.sourceId,
      source_number: d.number,
      title: d.title,
      retention: input.retention,
      level: d.level,
      secrecy_until: until,
      owner_unit_id: d.ownerUnitId,
      attachment_id: null,
      archived_by: actor.id,
      archived_at: at,
      created_at: at,
      updated_at: at,
    });
    const file = await ctx.files.record(
      trx,
      { ...blob, mime: 'application/pdf', filename: `${archiveNo}.pdf` },
      { type: 'archive_record', id: recordId },
      actor,
    );
    await repo.setAttachment(trx, recordId, file.id);
    await scheduleSecrecy(ctx, trx, recordId, until);
    await ctx.audit.append(trx, {
      actor,
      action: 'archives.archive',
      targetType: 'archive_record',
      targetId: recordId,
      changes: { archive_no: [null, archiveNo], level: [null, d.level], secrecy_until: [null, until], retention: [null, input.retention] },
      detail: { sourceType: input.sourceType, sourceId: input.sourceId, attachmentId: file.id },
    });
    return recordId;
  });
  return getRecord(ctx, actor, id);
}

/** What 公文 hands over when a document is archived (its 档号 is already taken by the documents module). */
export interface RegisterDocumentInput {
  documentId: number;
  title: string;
  number: string | null;
  level: number;
  /** 保密期限 text of the document (e.g. '10年'), if any. */
  secrecyTerm: string | null;
  ownerUnitId: number;
  archiveNo: string;
  retention: Retention;
}

/** Registers an archived 公文 in the catalogue, inside the documents module's transaction. */
export async function registerDocument(ctx: AppContext, trx: Trx, actor: Actor, input: RegisterDocumentInput): Promise<number> {
  const existing = await repo.findRecordBySource(trx, 'document', input.documentId);
  if (existing) return existing.id;
  const now = ctx.clock.now();
  const at = iso(now);
  const years = input.secrecyTerm ? Number(/(\d+)\s*年/.exec(input.secrecyTerm)?.[1] ?? 0) : 0;
  const day = today(ctx);
  const until = input.level === 0 ? null : years > 0 ? `${Number(day.slice(0, 4)) + years}${day.slice(4)}` : secrecyOf(input.level, null, day);
  const id = await repo.insertRecord(trx, {
    archive_no: input.archiveNo,
    year: Number(input.archiveNo.slice(0, 4)) || chinaYear(now),
    source_module: 'documents',
    source_type: 'document',
    source_id: input.documentId,
    source_number: input.number,
    title: input.title,
    retention: input.retention,
    level: input.level,
    secrecy_until: until,
    owner_unit_id: input.ownerUnitId,
    attachment_id: null,
    archived_by: actor.id,
    archived_at: at,
    created_at: at,
    updated_at: at,
  });
  await scheduleSecrecy(ctx, trx, id, until);
  await ctx.audit.append(trx, {
    actor,
    action: 'archives.register',
    targetType: 'archive_record',
    targetId: id,
    changes: { archive_no: [null, input.archiveNo], level: [null, input.level], secrecy_until: [null, until] },
    detail: { sourceType: 'document', sourceId: input.documentId },
  });
  return id;
}

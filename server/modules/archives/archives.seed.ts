/**
 * Demo data of 保密档案: the 公文 the demo already archived are registered in the 案卷目录 (as 公文 归档
 * does through the contract), one record whose 保密期限 has ended waits in the 机要保密处's review queue,
 * and 调研室's 马骏 asks to borrow a record. The closed 督查事项 of the demo stay for 梁红 (档案处) to archive
 * as 卷宗 (the bundle is rendered then).
 */
import type { Trx } from '../../db/client.js';
import { iso } from '../../platform/clock.js';
import type { AppContext, DemoDirectory } from '../../platform/module.js';
import { SECRECY_JOB } from './archives.constants.js';

/** Seeds the demo archives (idempotent through the platform's per-module marker). */
export async function seedArchivesDemo(trx: Trx, ctx: AppContext, demo: DemoDirectory): Promise<void> {
  const at = iso(ctx.clock.now());
  const archivist = demo.userByName.da_liang;
  if (!archivist) return;
  const docs = await trx
    .selectFrom('document')
    .select(['id', 'title', 'doc_no', 'level', 'owner_unit_id', 'archive_no', 'retention', 'archived_at'])
    .where('status', '=', 'archived')
    .where('archive_no', 'is not', null)
    .orderBy('id')
    .execute();
  const ids: number[] = [];
  for (const d of docs) {
    const row = await trx
      .insertInto('archive_record')
      .values({
        archive_no: d.archive_no!,
        year: Number(d.archive_no!.slice(0, 4)),
        source_module: 'documents',
        source_type: 'document',
        source_id: d.id,
        source_number: d.doc_no,
        title: d.title,
        retention: d.retention ?? '30y',
        level: d.level,
        secrecy_until: d.level > 0 ? '2036-12-31' : null,
        owner_unit_id: d.owner_unit_id,
        attachment_id: null,
        archived_by: archivist,
        archived_at: d.archived_at ?? at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const general = demo.unitByCode.general;
  if (general) {
    // an old 内部 record of 综合处 whose 保密期限 ended: in the review queue, its level unchanged until decided
    const old = await trx
      .insertInto('archive_record')
      .values({
        archive_no: '2016-综合处-D10-0007',
        year: 2016,
        source_module: 'documents',
        source_type: 'document_legacy',
        source_id: 1,
        source_number: '青委办发〔2016〕7号',
        title: '关于加强机关内部资料管理的通知',
        retention: '10y',
        level: 1,
        secrecy_until: '2026-11-30',
        owner_unit_id: general,
        attachment_id: null,
        archived_by: archivist,
        archived_at: '2016-12-20T02:00:00.000Z',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('archive_review')
      .values({
        record_id: old.id,
        due_date: '2026-11-30',
        status: 'pending',
        decision: null,
        old_level: 1,
        new_level: null,
        new_until: null,
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('job')
      .values({
        kind: SECRECY_JOB,
        target_type: 'archive_record',
        target_id: old.id,
        due_at: '2026-11-30T16:00:00.000Z',
        payload: JSON.stringify({ until: '2026-11-30' }),
        status: 'done',
        done_at: at,
        done_by: 'seed',
        created_at: at,
      })
      .execute();
    ids.push(old.id);
  }
  const ma = demo.userByName.dys_ma;
  const research = demo.unitByCode.research;
  if (ma && research && ids[0] !== undefined)
    await trx
      .insertInto('archive_loan')
      .values({
        record_id: ids[0],
        borrower_id: ma,
        borrower_unit_id: research,
        reason: '撰写年度调研报告，需查阅相关发文',
        return_due: '2026-12-31',
        status: 'requested',
        decided_by: null,
        decided_at: null,
        decision_comment: null,
        returned_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
}

/** 计划发文、配额: setting plans and quotas (办公厅主任), and plan vs actual with the 精文简会 summary. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import type { AppContext } from '../../../platform/module.js';
import { assertUnits } from '../documents.checks.js';
import type { DocType } from '../documents.constants.js';
import { documentsPolicy } from '../documents.policy.js';
import { planVsActual } from '../documents.repo.js';
import { countGrantedApprovals, upsertQuota } from '../repo/documents.quota.js';

/** Sets plans and quotas of units for a year; one row per unit and type. */
export async function setQuotas(ctx: AppContext, actor: Actor, year: number, rows: { unitId: number; docType: DocType; plan: number; quota: number }[]) {
  authorize(actor, documentsPolicy.manageQuota, null, { action: 'documents.quota_set', targetType: 'document_quota', targetId: year });
  return ctx.db.transaction().execute(async (trx) => {
    await assertUnits(
      trx,
      rows.map((r) => r.unitId),
    );
    const at = iso(ctx.clock.now());
    for (const r of rows) await upsertQuota(trx, { ...r, year }, at);
    await ctx.audit.append(trx, { actor, action: 'documents.quota_set', targetType: 'document_quota', targetId: year, detail: { rows } });
    return { ok: true, count: rows.length };
  });
}

interface StatRow {
  unitId: number;
  unitName: string;
  docType: string;
  plan: number;
  quota: number;
  actual: number;
  avgChars: number;
}

/** Plan vs actual per unit and type. Directors and leaders see every unit; others their own. */
export async function quotaStats(ctx: AppContext, actor: Actor, year: number) {
  authorize(actor, documentsPolicy.viewQuota, null, { action: 'documents.quota_stats', targetType: 'document_quota', targetId: year });
  const all = documentsPolicy.viewAllQuotas(actor, null);
  const { quotas, actual } = await planVsActual(ctx.db, year, all ? null : [actor.unitId]);
  const key = (u: number, t: string) => `${u}|${t}`;
  const rows = new Map<string, StatRow>();
  for (const q of quotas)
    rows.set(key(q.unit_id, q.doc_type), {
      unitId: q.unit_id,
      unitName: q.unit_name,
      docType: q.doc_type,
      plan: q.plan,
      quota: q.quota,
      actual: 0,
      avgChars: 0,
    });
  for (const a of actual) {
    const r = rows.get(key(a.unit_id, a.doc_type)) ?? {
      unitId: a.unit_id,
      unitName: a.unit_name,
      docType: a.doc_type,
      plan: 0,
      quota: 0,
      actual: 0,
      avgChars: 0,
    };
    r.actual = Number(a.n);
    r.avgChars = Math.round(Number(a.chars ?? 0) / Math.max(1, Number(a.n)));
    rows.set(key(a.unit_id, a.doc_type), r);
  }
  const list = [...rows.values()].sort((x, y) => x.unitName.localeCompare(y.unitName, 'zh') || x.docType.localeCompare(y.docType, 'zh'));
  const plan = list.reduce((s, r) => s + r.plan, 0);
  const act = list.reduce((s, r) => s + r.actual, 0);
  const over = list.filter((r) => r.quota > 0 && r.actual > r.quota);
  const approved = await countGrantedApprovals(ctx.db, year, all ? null : actor.unitId);
  const ratio = plan ? Math.round((act / plan) * 1000) / 10 : null;
  return {
    year,
    canManage: documentsPolicy.manageQuota(actor, null),
    rows: list,
    summary: {
      plan,
      actual: act,
      ratio,
      overQuota: over.map((r) => ({ unitName: r.unitName, docType: r.docType, quota: r.quota, actual: r.actual })),
      approvedOverQuota: approved,
      text: `${year}年计划发文${plan}件，实际发文${act}件${plan ? `，为计划的${ratio}%` : ''}；超配额${over.length}项，经审批超配额发文${approved}件。`,
    },
  };
}

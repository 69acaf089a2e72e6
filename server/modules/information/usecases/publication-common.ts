/** What the 信息刊物 use cases share: load-then-authorize, state checks, labels, presenting an issue. */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { ConflictError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import '../information.publications.errors.js';
import { ISSUE_STATES, publicationsPolicy } from '../information.publications.policy.js';
import { issueSearchDoc, loadIssue, loadPublication, type LoadedIssue, type PublicationRow } from '../repo/information.publications.js';

/** Loads an issue the actor may read; otherwise 404, audited as `action` denied. */
export async function loadReadableIssue(db: Db | Trx, actor: Actor, id: number, action = 'information.issue_read'): Promise<LoadedIssue> {
  const issue = await loadIssue(db, id, actor);
  authorize(actor, publicationsPolicy.read, issue, { action, targetType: 'info_pub_issue', targetId: id, mode: 'read' });
  return issue;
}

/** 409 `information.issue_wrong_state` unless the issue is in one of `states`. */
export function assertIssueState(issue: { status: string }, states: readonly string[]): void {
  if (!states.includes(issue.status))
    throw new ConflictError('information.issue_wrong_state', { status: ISSUE_STATES[issue.status as keyof typeof ISSUE_STATES]?.zh ?? issue.status });
}

/** 《信息专报》2026年第12期, or 《信息专报》（草稿） before the number. */
export function issueLabel(name: string, year: number | null, n: number | null): string {
  return n !== null && year !== null ? `《${name}》${year}年第${n}期` : `《${name}》（未编号）`;
}

/** The publication's readership. */
export function readershipOf(p: PublicationRow): { units: number[]; users: number[] } {
  try {
    const r = JSON.parse(p.readership) as { units?: unknown; users?: unknown };
    const ints = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []);
    return { units: ints(r.units), users: ints(r.users) };
  } catch {
    return { units: [], users: [] };
  }
}

/** Presents a publication. */
export function presentPublication(p: PublicationRow) {
  return {
    id: p.id,
    name: p.name,
    minAdoptLevel: p.min_adopt_level as 'recorded' | 'special' | 'upper',
    level: p.level,
    orgName: p.org_name,
    readership: readershipOf(p),
    reportTo: p.report_to,
    active: p.active === 1,
    version: p.version,
  };
}

/** Re-indexes a published issue for the whole-system search. */
export async function reindexIssue(ctx: AppContext, trx: Trx, issue: LoadedIssue): Promise<void> {
  if (issue.status !== 'published') return;
  const p = await loadPublication(trx, issue.publication_id);
  if (p) await ctx.search.index(trx, await issueSearchDoc(trx, { ...issue, publication_name: p.name }));
}

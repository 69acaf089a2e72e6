/**
 * Sign-off of an issue: 信息处 submits the draft → its division head signs (处长审签) → the office director
 * signs (主任签发). The director's signature numbers the issue (gap-free per publication and year, taken
 * in the same transaction: a returned or abandoned draft never consumes a number) and distributes it.
 */
import type { Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize, type Ability } from '../../../platform/authz.js';
import { chinaDate, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { AppContext } from '../../../platform/module.js';
import { nextSerial } from '../../../platform/numbering.js';
import { unitUsers } from '../information.repo.js';
import { INFO_DESK_UNIT_CODE } from '../information.constants.js';
import { publicationsPolicy } from '../information.publications.policy.js';
import {
  directorIds,
  insertReaders,
  issueItems,
  loadIssue,
  loadPublication,
  publishedTotal,
  updateIssue,
  type LoadedIssue,
} from '../repo/information.publications.js';
import { assertIssueState, issueLabel, loadReadableIssue, readershipOf, reindexIssue } from './publication-common.js';

type Step = 'submit' | 'sign' | 'return' | 'abandon';

/** Loads, checks version and state, authorizes `ability` (403 audited as `information.issue_<step>`). */
async function prepare(trx: Trx, actor: Actor, id: number, version: number, step: Step, states: string[], ability: Ability<LoadedIssue>) {
  const action = `information.issue_${step}`;
  const issue = await loadReadableIssue(trx, actor, id, action);
  assertVersion(issue, version);
  assertIssueState(issue, states);
  authorize(actor, ability, issue, { action, targetType: 'info_pub_issue', targetId: id });
  return issue;
}

/** Submits a draft for sign-off; 信息处's division head hears of it. */
export async function submitIssue(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const issue = await prepare(trx, actor, id, version, 'submit', ['draft'], publicationsPolicy.submit);
    if ((await issueItems(trx, id)).length === 0) throw new RuleError('information.issue_empty');
    const at = iso(ctx.clock.now());
    const v = await updateIssue(trx, issue, { status: 'submitted', submitted_at: at, return_reason: null, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'information.issue_submit',
      targetType: 'info_pub_issue',
      targetId: id,
      changes: { status: ['draft', 'submitted'] },
    });
    const p = (await loadPublication(trx, issue.publication_id))!;
    await ctx.notifier.send(trx, await unitUsers(trx, { code: INFO_DESK_UNIT_CODE }, ['division_head'], issue.level), {
      kind: 'information.issue_submitted',
      title: `${issueLabel(p.name, null, null)}送审签`,
      body: '',
      link: `/information/issues/${id}`,
      level: issue.level,
    });
    return { id, version: v, status: 'submitted', number: null };
  });
}

/** 处长审签 (submitted → head_signed) or 主任签发 (head_signed → published, numbered and distributed). */
export async function signIssue(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const pre = await loadIssue(trx, id, actor);
    const final = pre?.status === 'head_signed';
    const issue = await prepare(
      trx,
      actor,
      id,
      version,
      'sign',
      ['submitted', 'head_signed'],
      final ? publicationsPolicy.directorSign : publicationsPolicy.headSign,
    );
    const now = ctx.clock.now();
    const at = iso(now);
    const p = (await loadPublication(trx, issue.publication_id))!;
    if (!final) {
      const v = await updateIssue(trx, issue, { status: 'head_signed', head_signed_by: actor.id, head_signed_at: at, updated_at: at });
      await ctx.audit.append(trx, {
        actor,
        action: 'information.issue_sign',
        targetType: 'info_pub_issue',
        targetId: id,
        changes: { status: ['submitted', 'head_signed'] },
      });
      await ctx.notifier.send(trx, await directorIds(trx, issue.level), {
        kind: 'information.issue_head_signed',
        title: `${issueLabel(p.name, null, null)}待签发`,
        body: '',
        link: `/information/issues/${id}`,
        level: issue.level,
      });
      return { id, version: v, status: 'head_signed', number: null };
    }
    // 主任签发: the number is taken here, in this transaction (a rollback gives it back)
    const year = Number(chinaDate(now).slice(0, 4));
    const number = await nextSerial(trx, p.prefix, year);
    const total = (await publishedTotal(trx, p.id)) + 1;
    const v = await updateIssue(trx, issue, {
      status: 'published',
      director_signed_by: actor.id,
      published_at: at,
      year,
      number,
      total_number: total,
      updated_at: at,
    });
    const readers = readershipOf(p);
    await insertReaders(trx, id, readers);
    await ctx.audit.append(trx, {
      actor,
      action: 'information.issue_publish',
      targetType: 'info_pub_issue',
      targetId: id,
      changes: { status: ['head_signed', 'published'] },
      detail: { year, number, total },
    });
    const published = (await loadIssue(trx, id))!;
    await reindexIssue(ctx, trx, published);
    const userIds = new Set(readers.users);
    for (const u of readers.units)
      for (const uid of await unitUsers(trx, { id: u }, ['leader', 'director', 'division_head', 'staff', 'liaison'], issue.level)) userIds.add(uid);
    await ctx.notifier.send(trx, [...userIds], {
      kind: 'information.issue_published',
      title: `${issueLabel(p.name, year, number)}已印发`,
      body: '',
      link: `/information/issues/${id}`,
      level: issue.level,
    });
    return { id, version: v, status: 'published', number };
  });
}

/** Returns the issue to its editor with a reason (submitted/head_signed → draft). */
export async function returnIssue(ctx: AppContext, actor: Actor, id: number, version: number, reason: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const issue = await prepare(trx, actor, id, version, 'return', ['submitted', 'head_signed'], publicationsPolicy.return);
    const at = iso(ctx.clock.now());
    const v = await updateIssue(trx, issue, { status: 'draft', return_reason: reason, head_signed_by: null, head_signed_at: null, updated_at: at });
    await ctx.audit.append(trx, {
      actor,
      action: 'information.issue_return',
      targetType: 'info_pub_issue',
      targetId: id,
      changes: { status: [issue.status, 'draft'], return_reason: [issue.return_reason, reason] },
    });
    await ctx.notifier.send(trx, [issue.editor_id], {
      kind: 'information.issue_returned',
      title: `刊物稿被退回：${reason}`,
      body: reason,
      link: `/information/issues/${id}`,
      level: issue.level,
    });
    return { id, version: v, status: 'draft', number: null };
  });
}

/** Abandons a draft (it never had a number). */
export async function abandonIssue(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const issue = await prepare(trx, actor, id, version, 'abandon', ['draft'], publicationsPolicy.abandon);
    const v = await updateIssue(trx, issue, { status: 'abandoned', updated_at: iso(ctx.clock.now()) });
    await ctx.audit.append(trx, {
      actor,
      action: 'information.issue_abandon',
      targetType: 'info_pub_issue',
      targetId: id,
      changes: { status: ['draft', 'abandoned'] },
    });
    return { id, version: v, status: 'abandoned', number: null };
  });
}

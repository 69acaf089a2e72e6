/** 期 (issues): 信息处 starts a draft, sets its items (adopted at a fitting level) in order and its 按语; lists and the issue page. */
import type { Actor } from '../../../platform/actor.js';
import { authorize, presentActions } from '../../../platform/authz.js';
import { iso } from '../../../platform/clock.js';
import { NotFoundError, RuleError } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/versioned.js';
import type { AppContext } from '../../../platform/module.js';
import { informationPolicy } from '../information.policy.js';
import { infoDeskUnitId, infoVisibleTo, loadItem, userName } from '../information.repo.js';
import { fittingLevels, issueAbilities, publicationsPolicy } from '../information.publications.policy.js';
import { adoptableItems, insertIssue, issueItems, listIssues, loadPublication, setIssueItems, updateIssue } from '../repo/information.publications.js';
import { assertIssueState, issueLabel, loadReadableIssue } from './publication-common.js';

/** Starts a draft of a publication (`information.issue_create`). */
export async function createIssue(ctx: AppContext, actor: Actor, publicationId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    authorize(actor, publicationsPolicy.create, null, { action: 'information.issue_create', targetType: 'info_pub_issue' });
    const p = await loadPublication(trx, publicationId);
    if (!p) throw new RuleError('information.publication_unknown');
    if (p.active !== 1) throw new RuleError('information.publication_inactive');
    const unitId = (await infoDeskUnitId(trx)) ?? actor.unitId;
    const at = iso(ctx.clock.now());
    const id = await insertIssue(trx, {
      publication_id: p.id,
      unit_id: unitId,
      editor_id: actor.id,
      level: p.level,
      status: 'draft',
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, { actor, action: 'information.issue_create', targetType: 'info_pub_issue', targetId: id, detail: { publicationId } });
    return { id, version: 1, status: 'draft', number: null };
  });
}

/** Sets the 按语 and/or the items in order (add, remove, reorder) of a draft (`information.issue_update`). */
export async function updateIssueDraft(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; note?: string | undefined; itemIds?: number[] | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const issue = await loadReadableIssue(trx, actor, id, 'information.issue_update');
    authorize(actor, publicationsPolicy.edit, issue, { action: 'information.issue_update', targetType: 'info_pub_issue', targetId: id });
    assertVersion(issue, input.version);
    assertIssueState(issue, ['draft']);
    const p = (await loadPublication(trx, issue.publication_id))!;
    const set: { note?: string; level?: number; updated_at: string } = { updated_at: iso(ctx.clock.now()) };
    const changes: Record<string, [unknown, unknown]> = {};
    if (input.note !== undefined) {
      set.note = input.note;
      changes.note = [issue.note, input.note];
    }
    if (input.itemIds !== undefined) {
      if (new Set(input.itemIds).size !== input.itemIds.length) throw new RuleError('information.issue_item_duplicate');
      const levels = fittingLevels(p.min_adopt_level);
      let level = p.level;
      for (const itemId of input.itemIds) {
        const item = await loadItem(trx, itemId);
        // only items adopted at a level this publication takes, that the editor may read
        if (!item || !informationPolicy.read(actor, item) || item.status !== 'adopted' || !levels.includes(item.adopt_level ?? ''))
          throw new RuleError('information.issue_item_unfit', { id: itemId });
        level = Math.max(level, item.level);
      }
      const before = (await issueItems(trx, id)).map((i) => i.id);
      await setIssueItems(trx, id, input.itemIds);
      set.level = level;
      changes.items = [before, input.itemIds];
    }
    const version = await updateIssue(trx, issue, set);
    await ctx.audit.append(trx, { actor, action: 'information.issue_update', targetType: 'info_pub_issue', targetId: id, changes });
    return { id, version, status: issue.status, number: issue.number };
  });
}

/** The issue page: its items in order, signatures, and the actor's abilities. */
export async function issueDetail(ctx: AppContext, actor: Actor, id: number) {
  const issue = await loadReadableIssue(ctx.db, actor, id);
  const p = (await loadPublication(ctx.db, issue.publication_id))!;
  const items = await issueItems(ctx.db, id);
  const instructable = await Promise.all(
    items.map(async (i) => {
      const it = await loadItem(ctx.db, i.id);
      return !!it && informationPolicy.instruct(actor, it);
    }),
  );
  const name = async (uid: number | null) => (uid ? await userName(ctx.db, uid) : null);
  return {
    ...summaryOf({ ...issue, publication_name: p.name, item_count: items.length, read_at: null }),
    readAt: null,
    note: issue.note,
    orgName: p.org_name,
    returnReason: issue.return_reason,
    editorName: await name(issue.editor_id),
    headSignedBy: await name(issue.head_signed_by),
    headSignedAt: issue.head_signed_at,
    directorSignedBy: await name(issue.director_signed_by),
    submittedAt: issue.submitted_at,
    items: items.map((i, n) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      body: i.body,
      kind: i.kind,
      unitName: i.unit_name,
      level: i.level,
      canInstruct: instructable[n]!,
    })),
    actions: presentActions(actor, issueAbilities, issue),
  };
}

type SummaryRow = {
  id: number;
  publication_id: number;
  publication_name: string;
  status: string;
  year: number | null;
  number: number | null;
  total_number: number | null;
  level: number;
  published_at: string | null;
  version: number;
  item_count: string | number | null;
  read_at: string | null;
};

function summaryOf(r: SummaryRow) {
  return {
    id: r.id,
    publicationId: r.publication_id,
    publicationName: r.publication_name,
    label: issueLabel(r.publication_name, r.year, r.number),
    status: r.status,
    year: r.year,
    number: r.number,
    totalNumber: r.total_number,
    level: r.level,
    itemCount: Number(r.item_count ?? 0),
    publishedAt: r.published_at,
    readAt: r.read_at,
    version: r.version,
  };
}

/** The issues the actor may see (SQL visibility), newest first. */
export async function issueList(
  ctx: AppContext,
  actor: Actor,
  f: { status?: string | undefined; publicationId?: number | undefined; unread?: boolean | undefined },
) {
  const rows = await listIssues(ctx.db, actor, {
    ...(f.status ? { status: f.status } : {}),
    ...(f.publicationId ? { publicationId: f.publicationId } : {}),
    unread: !!f.unread,
  });
  return { items: rows.map(summaryOf) };
}

/** Items the editor may put in an issue of the publication: adopted at a fitting level, readable, not yet published in it. */
export async function adoptable(ctx: AppContext, actor: Actor, publicationId: number) {
  if (!publicationsPolicy.create(actor)) return { items: [] };
  const p = await loadPublication(ctx.db, publicationId);
  if (!p) throw new NotFoundError();
  const rows = await adoptableItems(ctx.db, infoVisibleTo(actor), publicationId, fittingLevels(p.min_adopt_level));
  return { items: rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, level: r.level, adoptLevel: r.adopt_level, unitName: r.unit_name })) };
}

/**
 * Use cases of 资源共享: the shared library and 查阅条目, access requests, 传阅 with receipts and
 * reminders, 议政会 notices, 定期分送, the 政务工作论坛, and use counting with a per-unit score.
 * Every write is one transaction: policy → write → audit entry → search index → notifications.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import { isBusinessUser, type Actor } from '../../platform/actor.js';
import { authorizeRead, grantShare } from '../../platform/authz.js';
import { chinaDate, iso } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RuleError, StaleVersionError, ConflictError } from '../../platform/errors.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import { allowedTransitions } from '../../platform/workflow.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import {
  DEFAULT_USE_WEIGHTS,
  LIBRARY_KINDS,
  LIBRARY_NAME,
  NOTICE_CATEGORIES,
  USE_KINDS,
  type LibraryKind,
  type NoticeCategory,
  type UseKind,
} from './library.constants.js';
import './library.errors.js';
import { contentVisibleTo, entryVisibleTo, libraryPolicy, topicVisibleTo, type ItemFacts } from './library.policy.js';
import * as repo from './library.repo.js';
import { accessRequestWorkflow, CIRCULATION_STATES } from './library.workflow.js';

const WEIGHTS_KEY = 'library.weights';
const DAY = 86_400_000;

/** Input of filing an item. */
export interface ItemInput {
  kind: LibraryKind;
  title: string;
  source: string;
  level: number;
  secrecyPeriod?: string | null;
  scope: 'everyone' | 'scoped';
  scopeUnitIds?: number[];
  scopeUserIds?: number[];
  catalog: boolean;
  keywords: string[];
  summary: string;
  content: string;
  date: string;
}

/** A page of a list. */
export interface Page<T> {
  total: number;
  items: T[];
}

function like(q: string): string {
  return `%${q.replace(/[%_\\]/g, '')}%`;
}

/** The library module's services (`ctx.services.library`). */
export class LibraryService {
  constructor(private readonly ctx: AppContext) {}

  private now(): Date {
    return this.ctx.clock.now();
  }

  private async checkLevel(db: Db | Trx, actor: Actor, level: number): Promise<void> {
    const { value } = await this.ctx.settings.get(db);
    if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
    if (level > actor.clearance) throw new RuleError('level.above_clearance');
  }

  private async checkPeople(db: Db | Trx, unitIds: readonly number[], userIds: readonly number[]): Promise<void> {
    const u = unitIds.length
      ? await db
          .selectFrom('unit')
          .select('id')
          .where('id', 'in', [...new Set(unitIds)])
          .execute()
      : [];
    const p = userIds.length
      ? await db
          .selectFrom('user')
          .select('id')
          .where('id', 'in', [...new Set(userIds)])
          .execute()
      : [];
    if (u.length !== new Set(unitIds).size || p.length !== new Set(userIds).size) throw new RuleError('library.unknown_user');
  }

  /** Loads an item and its policy facts, refusing (404) unless the actor sees its entry. */
  private async loadEntry(db: Db | Trx, actor: Actor, id: number, action: string): Promise<{ item: repo.ItemRow; facts: ItemFacts }> {
    const item = await repo.findItem(db, id);
    const facts = item ? await repo.factsOf(db, actor, item) : null;
    authorizeRead(item !== undefined && facts !== null && libraryPolicy.readEntry(actor, facts), action, 'library_item', id);
    return { item: item!, facts: facts! };
  }

  private async reindexItem(trx: Trx, item: repo.ItemRow): Promise<void> {
    await this.ctx.search.index(trx, repo.itemSearchDoc(item, await repo.scopeOf(trx, item.id)));
  }

  // ---------------------------------------------------------------- items

  /** Lists items whose entry the actor may see; `canOpen` says whether the content opens. */
  async listItems(
    actor: Actor,
    q: { q?: string; kind?: string; unitId?: number; tab?: 'all' | 'mine' | 'catalog' | 'notices'; page: number; pageSize: number },
  ) {
    let base = this.ctx.db.selectFrom('library_item').innerJoin('unit', 'unit.id', 'library_item.owner_unit_id').where(entryVisibleTo(actor));
    if (q.q) base = base.where((eb) => eb.or([eb('library_item.title', 'like', like(q.q!)), eb('library_item.keywords', 'like', like(q.q!))]));
    if (q.kind) base = base.where('library_item.kind', '=', q.kind);
    else if (q.tab !== 'notices') base = base.where('library_item.kind', '<>', 'notice');
    if (q.tab === 'notices') base = base.where('library_item.kind', '=', 'notice');
    if (q.unitId) base = base.where('library_item.owner_unit_id', '=', q.unitId);
    if (q.tab === 'mine') base = base.where('library_item.owner_unit_id', '=', actor.unitId);
    if (q.tab === 'catalog') base = base.where('library_item.catalog', '=', 1);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select([
        'library_item.id',
        'library_item.kind',
        'library_item.title',
        'library_item.source',
        'library_item.owner_unit_id',
        'unit.short_name as unit_name',
        'library_item.level',
        'library_item.catalog',
        'library_item.scope',
        'library_item.keywords',
        'library_item.summary',
        'library_item.date',
        'library_item.version',
        sql<number>`CASE WHEN ${contentVisibleTo(actor)} THEN 1 ELSE 0 END`.as('can_open'),
      ])
      .orderBy('library_item.date', 'desc')
      .orderBy('library_item.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        kindName: LIBRARY_KINDS[r.kind as LibraryKind]?.zh ?? r.kind,
        title: r.title,
        source: r.source,
        ownerUnitId: r.owner_unit_id,
        ownerUnitName: r.unit_name,
        level: r.level,
        catalog: r.catalog === 1,
        scope: r.scope,
        keywords: r.keywords ? r.keywords.split(',') : [],
        summary: r.summary,
        date: r.date,
        canOpen: Number(r.can_open) === 1,
      })),
    };
  }

  /** Files an item (or a 查阅条目) for the actor's unit. */
  async createItem(actor: Actor, input: ItemInput): Promise<{ id: number; version: number }> {
    if (!libraryPolicy.create(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.checkLevel(trx, actor, input.level);
      const units = input.scope === 'scoped' ? (input.scopeUnitIds ?? []) : [];
      const users = input.scope === 'scoped' ? (input.scopeUserIds ?? []) : [];
      await this.checkPeople(trx, units, users);
      const at = iso(this.now());
      const item = await trx
        .insertInto('library_item')
        .values({
          kind: input.kind,
          title: input.title,
          source: input.source,
          owner_unit_id: actor.unitId,
          created_by: actor.id,
          level: input.level,
          secrecy_period: input.secrecyPeriod ?? null,
          scope: input.scope,
          catalog: input.catalog ? 1 : 0,
          keywords: input.keywords.join(','),
          summary: input.summary,
          content: input.content,
          date: input.date,
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await repo.setScope(trx, item.id, units, users);
      await repo.recordUse(trx, { itemId: item.id, unitId: actor.unitId, actorId: actor.id, actorUnitId: actor.unitId, kind: 'provided', at });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.create',
        targetType: 'library_item',
        targetId: item.id,
        detail: { kind: input.kind, level: input.level, scope: input.scope, catalog: input.catalog },
      });
      await this.reindexItem(trx, item);
      return { id: item.id, version: item.version };
    });
  }

  /** Changes an item (optimistic lock on `version`). */
  async updateItem(actor: Actor, id: number, input: Partial<ItemInput> & { version: number }): Promise<{ version: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { item, facts } = await this.loadEntry(trx, actor, id, 'library.update');
      if (!libraryPolicy.edit(actor, facts)) throw new ForbiddenError();
      if (item.version !== input.version) throw new StaleVersionError({ current: item.version });
      if (input.level !== undefined) await this.checkLevel(trx, actor, input.level);
      const patch = {
        kind: input.kind,
        title: input.title,
        source: input.source,
        level: input.level,
        secrecy_period: input.secrecyPeriod,
        scope: input.scope,
        catalog: input.catalog === undefined ? undefined : input.catalog ? 1 : 0,
        keywords: input.keywords?.join(','),
        summary: input.summary,
        content: input.content,
        date: input.date,
      };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(patch))
        if (v !== undefined && v !== (item as Record<string, unknown>)[k])
          changes[k] = [k === 'content' ? '…' : (item as Record<string, unknown>)[k], k === 'content' ? '…' : v];
      const res = await trx
        .updateTable('library_item')
        .set({ ...patch, version: item.version + 1, updated_at: iso(this.now()) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      if (input.scopeUnitIds !== undefined || input.scopeUserIds !== undefined || input.scope === 'everyone') {
        const scope = input.scope ?? item.scope;
        const units = scope === 'scoped' ? (input.scopeUnitIds ?? facts.scopeUnits) : [];
        const users = scope === 'scoped' ? (input.scopeUserIds ?? facts.scopeUsers) : [];
        await this.checkPeople(trx, units, users);
        await repo.setScope(trx, id, units, users);
        changes.scope_members = [
          { units: facts.scopeUnits, users: facts.scopeUsers },
          { units, users },
        ];
      }
      await this.ctx.audit.append(trx, { actor, action: 'library.update', targetType: 'library_item', targetId: id, changes });
      await this.reindexItem(trx, (await repo.findItem(trx, id))!);
      return { version: item.version + 1 };
    });
  }

  /**
   * The item as the actor may see it: always the entry; the content, attachments, circulations
   * and use counts only with need-to-know. Opening the content counts a view (once a day per
   * person) and signs the actor's pending circulation receipts of the item.
   */
  async getItem(actor: Actor, id: number) {
    const { item, facts } = await this.loadEntry(this.ctx.db, actor, id, 'library.read');
    const canOpen = libraryPolicy.readContent(actor, facts);
    if (canOpen) {
      const now = this.now();
      await this.ctx.db.transaction().execute(async (trx) => {
        const since = iso(new Date(now.getTime() - DAY));
        const read = await repo.markItemRead(trx, id, actor.id, iso(now));
        if (!(await repo.viewedSince(trx, id, actor.id, since)))
          await repo.recordUse(trx, { itemId: id, unitId: item.owner_unit_id, actorId: actor.id, actorUnitId: actor.unitId, kind: 'viewed', at: iso(now) });
        await this.ctx.audit.append(trx, {
          actor,
          action: 'library.read',
          targetType: 'library_item',
          targetId: id,
          detail: { level: item.level, ...(read.length ? { receipts: read } : {}) },
        });
      });
    }
    const names = await repo.namesOf(this.ctx.db, [item.owner_unit_id, ...facts.scopeUnits], [item.created_by, ...facts.scopeUsers]);
    const myRequest = await this.ctx.db
      .selectFrom('library_access_request')
      .select(['id', 'status', 'created_at', 'decision_note'])
      .where('item_id', '=', id)
      .where('requester_id', '=', actor.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const circulations = canOpen ? await this.presentCirculations(actor, item, await repo.circulationsOf(this.ctx.db, id)) : [];
    return {
      id: item.id,
      kind: item.kind,
      kindName: LIBRARY_KINDS[item.kind as LibraryKind]?.zh ?? item.kind,
      title: item.title,
      source: item.source,
      ownerUnitId: item.owner_unit_id,
      ownerUnitName: names.units.get(item.owner_unit_id) ?? '',
      createdBy: item.created_by,
      createdByName: names.users.get(item.created_by) ?? '',
      level: item.level,
      secrecyPeriod: item.secrecy_period,
      scope: item.scope,
      scopeUnits: canOpen ? facts.scopeUnits.map((u) => ({ id: u, name: names.units.get(u) ?? '' })) : [],
      scopeUsers: canOpen ? facts.scopeUsers.map((u) => ({ id: u, name: names.users.get(u) ?? '' })) : [],
      catalog: item.catalog === 1,
      keywords: item.keywords ? item.keywords.split(',') : [],
      summary: item.summary,
      date: item.date,
      version: item.version,
      canOpen,
      content: canOpen ? item.content : null,
      attachments: canOpen ? await this.ctx.files.listFor(this.ctx.db, 'library_item', id) : [],
      circulations,
      uses: canOpen ? await repo.useCountsOf(this.ctx.db, id) : {},
      myRequest: myRequest ? { id: myRequest.id, status: myRequest.status, createdAt: myRequest.created_at, note: myRequest.decision_note } : null,
      actions: {
        edit: libraryPolicy.edit(actor, facts),
        requestAccess: libraryPolicy.requestAccess(actor, facts) && myRequest?.status !== 'pending',
        circulate: libraryPolicy.circulate(actor, facts),
        recordUse: libraryPolicy.recordUse(actor, facts),
        decide: libraryPolicy.decide(actor, facts),
      },
    };
  }

  private async presentCirculations(actor: Actor, item: repo.ItemRow, circs: Awaited<ReturnType<typeof repo.circulationsOf>>) {
    const names = await repo.namesOf(
      this.ctx.db,
      [],
      circs.flatMap((c) => [c.created_by, ...c.recipients.map((r) => r.user_id)]),
    );
    // receipts are shown to the sender and the owner unit; a recipient sees only their own line
    return circs
      .filter((c) => c.created_by === actor.id || actor.unitId === item.owner_unit_id || c.recipients.some((r) => r.user_id === actor.id))
      .map((c) => {
        const full = c.created_by === actor.id || actor.unitId === item.owner_unit_id;
        const recipients = (full ? c.recipients : c.recipients.filter((r) => r.user_id === actor.id)).map((r) => ({
          userId: r.user_id,
          name: names.users.get(r.user_id) ?? '',
          readAt: r.read_at,
          reminders: r.reminders,
        }));
        return {
          id: c.id,
          purpose: c.purpose,
          createdBy: c.created_by,
          createdByName: names.users.get(c.created_by) ?? '',
          createdAt: c.created_at,
          dueDate: c.due_date,
          status: c.status,
          statusName: CIRCULATION_STATES[c.status as keyof typeof CIRCULATION_STATES]?.zh ?? c.status,
          readCount: c.recipients.filter((r) => r.read_at).length,
          total: c.recipients.length,
          recipients,
          canRemind: c.created_by === actor.id && c.status === 'circulating',
          version: c.version,
        };
      });
  }

  /** Streams an attachment of an item the actor may open, counting a download. */
  async download(actor: Actor, itemId: number, fileId: number) {
    const { item, facts } = await this.loadEntry(this.ctx.db, actor, itemId, 'library.download');
    authorizeRead(libraryPolicy.readContent(actor, facts), 'library.download', 'library_item', itemId);
    const a = await this.ctx.db
      .selectFrom('attachment')
      .selectAll()
      .where('id', '=', fileId)
      .where('owner_type', '=', 'library_item')
      .where('owner_id', '=', itemId)
      .executeTakeFirst();
    if (!a) throw new NotFoundError();
    // opened first: a missing content answers 404 file.content_missing without counting a download
    const stream = await this.ctx.files.open(a.sha256);
    await this.ctx.db
      .transaction()
      .execute(async (trx) => {
        const at = iso(this.now());
        await repo.recordUse(trx, { itemId, unitId: item.owner_unit_id, actorId: actor.id, actorUnitId: actor.unitId, kind: 'downloaded', at });
        await this.ctx.audit.append(trx, {
          actor,
          action: 'file.download',
          targetType: 'attachment',
          targetId: fileId,
          detail: { ownerType: 'library_item', ownerId: itemId, level: item.level },
        });
      })
      .catch((err: unknown) => {
        stream.destroy();
        throw err;
      });
    return { filename: a.filename, mime: a.mime, size: a.size, stream };
  }

  /** Records that the item was applied in the actor's work (应用) or converted into a document, decision or item (转化). */
  async recordUse(actor: Actor, itemId: number, input: { kind: 'applied' | 'converted'; note: string }): Promise<{ uses: Record<string, number> }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { item, facts } = await this.loadEntry(trx, actor, itemId, 'library.use');
      authorizeRead(libraryPolicy.recordUse(actor, facts), 'library.use', 'library_item', itemId);
      await repo.recordUse(trx, {
        itemId,
        unitId: item.owner_unit_id,
        actorId: actor.id,
        actorUnitId: actor.unitId,
        kind: input.kind,
        note: input.note,
        at: iso(this.now()),
      });
      await this.ctx.audit.append(trx, { actor, action: `library.${input.kind}`, targetType: 'library_item', targetId: itemId, detail: { note: input.note } });
      return { uses: await repo.useCountsOf(trx, itemId) };
    });
  }

  /** 相似条目: the items most like this one that the actor may see. */
  async similar(actor: Actor, itemId: number, limit = 6) {
    await this.loadEntry(this.ctx.db, actor, itemId, 'library.read');
    return this.ctx.search.similar(this.ctx.db, actor, 'library_item', itemId, limit);
  }

  // ---------------------------------------------------------------- access requests

  /** Asks the item's owner to open its content (查阅申请). */
  async requestAccess(actor: Actor, itemId: number, input: { reason: string }): Promise<{ id: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { item, facts } = await this.loadEntry(trx, actor, itemId, 'library.request_access');
      if (libraryPolicy.readContent(actor, facts)) throw new RuleError('library.already_readable');
      const pending = await trx
        .selectFrom('library_access_request')
        .select('id')
        .where('item_id', '=', itemId)
        .where('requester_id', '=', actor.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending) throw new ConflictError('library.request_pending');
      const at = iso(this.now());
      const row = await trx
        .insertInto('library_access_request')
        .values({
          item_id: itemId,
          requester_id: actor.id,
          requester_unit_id: actor.unitId,
          reason: input.reason,
          status: 'pending',
          decided_by: null,
          decided_at: null,
          decision_note: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.request_access',
        targetType: 'library_item',
        targetId: itemId,
        detail: { requestId: row.id, reason: input.reason },
      });
      const deciders = await this.decidersOf(trx, item);
      await this.ctx.notifier.send(trx, deciders, {
        kind: 'library.access_request',
        title: `查阅申请：${item.title}`,
        body: `${actor.unitName} ${actor.name} 申请查阅，理由：${input.reason}`,
        link: `/library/requests`,
        level: item.level,
      });
      return { id: row.id };
    });
  }

  private async decidersOf(db: Db | Trx, item: repo.ItemRow): Promise<number[]> {
    const heads = await db
      .selectFrom('user')
      .innerJoin('user_role', 'user_role.user_id', 'user.id')
      .select('user.id')
      .where('user.unit_id', '=', item.owner_unit_id)
      .where('user.disabled', '=', 0)
      .where('user.clearance', '>=', item.level)
      .where('user_role.role', 'in', ['division_head', 'director'])
      .execute();
    return [item.created_by, ...heads.map((h) => h.id)];
  }

  /** Access requests: those the actor decides (`incoming`) or made (`mine`). */
  async listRequests(actor: Actor, q: { box: 'incoming' | 'mine'; status?: string; page: number; pageSize: number }) {
    let base = this.ctx.db
      .selectFrom('library_access_request as r')
      .innerJoin('library_item', 'library_item.id', 'r.item_id')
      .innerJoin('user as requester', 'requester.id', 'r.requester_id')
      .innerJoin('unit as ru', 'ru.id', 'r.requester_unit_id')
      .where(entryVisibleTo(actor));
    if (q.box === 'mine') base = base.where('r.requester_id', '=', actor.id);
    else {
      if (!isBusinessUser(actor)) return { total: 0, items: [] };
      const head = actor.roles.includes('division_head') || actor.roles.includes('director');
      base = base
        .where('library_item.level', '<=', actor.clearance)
        .where((eb) =>
          head
            ? eb.or([eb('library_item.created_by', '=', actor.id), eb('library_item.owner_unit_id', '=', actor.unitId)])
            : eb('library_item.created_by', '=', actor.id),
        );
    }
    if (q.status) base = base.where('r.status', '=', q.status);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select([
        'r.id',
        'r.item_id',
        'library_item.title',
        'library_item.level',
        'r.requester_id',
        'requester.name as requester_name',
        'ru.short_name as requester_unit',
        'r.reason',
        'r.status',
        'r.decision_note',
        'r.created_at',
        'r.decided_at',
        'r.version',
      ])
      .orderBy('r.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        itemId: r.item_id,
        itemTitle: r.title,
        level: r.level,
        requesterId: r.requester_id,
        requesterName: r.requester_name,
        requesterUnit: r.requester_unit,
        reason: r.reason,
        status: r.status,
        statusName: accessRequestWorkflow.states[r.status]?.zh ?? r.status,
        note: r.decision_note,
        createdAt: r.created_at,
        decidedAt: r.decided_at,
        version: r.version,
        actions: q.box === 'incoming' && r.status === 'pending' ? ['grant', 'refuse'] : [],
      })),
    };
  }

  /** Grants (share grant to the requester) or refuses an access request; recorded and notified. */
  async decideRequest(
    actor: Actor,
    requestId: number,
    input: { action: 'grant' | 'refuse'; version: number; note?: string | null },
  ): Promise<{ status: string; version: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const req = await trx.selectFrom('library_access_request').selectAll().where('id', '=', requestId).executeTakeFirst();
      const item = req ? await repo.findItem(trx, req.item_id) : undefined;
      const facts = item ? await repo.factsOf(trx, actor, item) : null;
      authorizeRead(
        req !== undefined && item !== undefined && facts !== null && (libraryPolicy.decide(actor, facts) || req.requester_id === actor.id),
        'library.decide',
        'library_access_request',
        requestId,
      );
      const row = { id: req!.id, status: req!.status, version: req!.version, decidable: libraryPolicy.decide(actor, facts!) };
      if (row.status !== 'pending' && row.decidable) throw new ConflictError('library.request_decided');
      const at = this.now();
      const result = await this.ctx.workflow.apply(trx, accessRequestWorkflow, {
        row,
        action: input.action,
        actor,
        version: input.version,
        input: { note: input.note ?? null },
        set: { decided_by: actor.id, decided_at: iso(at), decision_note: input.note ?? null },
        detail: { itemId: item!.id, requesterId: req!.requester_id },
        notify: [
          {
            userIds: [req!.requester_id],
            message: {
              kind: 'library.access_decided',
              title: `查阅申请${input.action === 'grant' ? '已同意' : '未同意'}：${item!.title}`,
              body: input.note ?? '',
              link: `/library/items/${item!.id}`,
              level: item!.level,
            },
          },
        ],
      });
      if (input.action === 'grant')
        await grantShare(trx, { itemType: 'library_item', itemId: item!.id, granteeType: 'user', granteeId: req!.requester_id, grantedBy: actor.id, at });
      return { status: result.status, version: result.version };
    });
  }

  // ---------------------------------------------------------------- circulation

  /** 传阅: circulates an item to named people and units, with a purpose and an optional due date (reminded then). */
  async circulate(
    actor: Actor,
    itemId: number,
    input: { userIds: number[]; unitIds: number[]; purpose: string; dueDate?: string | null },
  ): Promise<{ id: number; recipients: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const { item, facts } = await this.loadEntry(trx, actor, itemId, 'library.circulate');
      authorizeRead(libraryPolicy.circulate(actor, facts), 'library.circulate', 'library_item', itemId);
      await this.checkPeople(trx, input.unitIds, input.userIds);
      if (input.dueDate && input.dueDate < chinaDate(this.now())) throw new RuleError('library.due_in_past');
      const named = input.userIds.length
        ? await trx.selectFrom('user').select(['id', 'name', 'clearance']).where('id', 'in', input.userIds).where('disabled', '=', 0).execute()
        : [];
      const fromUnits = await repo.businessUsersOf(trx, input.unitIds);
      const all = new Map([...named, ...fromUnits].filter((u) => u.id !== actor.id).map((u) => [u.id, u]));
      if (!all.size) throw new RuleError('library.no_recipients');
      const uncleared = [...all.values()].filter((u) => u.clearance < item.level);
      if (uncleared.length)
        throw new RuleError('library.recipient_clearance', { names: uncleared.map((u) => u.name).join('、') }, { userIds: uncleared.map((u) => u.id) });
      const at = this.now();
      const circ = await trx
        .insertInto('library_circulation')
        .values({
          item_id: itemId,
          purpose: input.purpose,
          created_by: actor.id,
          unit_id: actor.unitId,
          due_date: input.dueDate ?? null,
          status: 'circulating',
          created_at: iso(at),
          updated_at: iso(at),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('library_circulation_recipient')
        .values([...all.keys()].map((u) => ({ circulation_id: circ.id, user_id: u, read_at: null, reminded_at: null, reminders: 0 })))
        .execute();
      for (const u of all.keys()) await grantShare(trx, { itemType: 'library_item', itemId, granteeType: 'user', granteeId: u, grantedBy: actor.id, at });
      if (input.dueDate)
        await this.ctx.scheduler.schedule(trx, {
          kind: 'library.circulation_remind',
          targetType: 'library_circulation',
          targetId: circ.id,
          dueAt: new Date(`${input.dueDate}T01:00:00Z`),
        });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.circulate',
        targetType: 'library_item',
        targetId: itemId,
        detail: { circulationId: circ.id, recipients: [...all.keys()], purpose: input.purpose, dueDate: input.dueDate ?? null },
      });
      await this.ctx.notifier.send(trx, [...all.keys()], {
        kind: 'library.circulation',
        title: `传阅：${item.title}`,
        body: `${actor.name}：${input.purpose}`,
        link: `/library/items/${itemId}`,
        level: item.level,
      });
      return { id: circ.id, recipients: all.size };
    });
  }

  /** Signs the actor's read receipt of a circulation (已阅). */
  async markRead(actor: Actor, circulationId: number): Promise<{ status: string }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('library_circulation').selectAll().where('id', '=', circulationId).executeTakeFirst();
      const mine = c
        ? await trx
            .selectFrom('library_circulation_recipient')
            .selectAll()
            .where('circulation_id', '=', circulationId)
            .where('user_id', '=', actor.id)
            .executeTakeFirst()
        : undefined;
      authorizeRead(c !== undefined && mine !== undefined && isBusinessUser(actor), 'library.read_receipt', 'library_circulation', circulationId);
      const item = (await repo.findItem(trx, c!.item_id))!;
      authorizeRead(item.level <= actor.clearance, 'library.read_receipt', 'library_circulation', circulationId);
      const at = iso(this.now());
      if (!mine!.read_at) {
        await trx
          .updateTable('library_circulation_recipient')
          .set({ read_at: at })
          .where('circulation_id', '=', circulationId)
          .where('user_id', '=', actor.id)
          .execute();
        await repo.closeFinished(trx, [circulationId], at);
        await this.ctx.audit.append(trx, {
          actor,
          action: 'library.read_receipt',
          targetType: 'library_circulation',
          targetId: circulationId,
          detail: { itemId: c!.item_id },
        });
      }
      const after = await trx.selectFrom('library_circulation').select('status').where('id', '=', circulationId).executeTakeFirstOrThrow();
      return { status: after.status };
    });
  }

  /** 催阅: reminds the recipients who have not read (the sender only). */
  async remind(actor: Actor, circulationId: number): Promise<{ reminded: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('library_circulation').selectAll().where('id', '=', circulationId).executeTakeFirst();
      authorizeRead(c !== undefined && c.created_by === actor.id && isBusinessUser(actor), 'library.remind', 'library_circulation', circulationId);
      if (c!.status !== 'circulating') throw new RuleError('library.circulation_done');
      const n = await this.sendReminders(trx, circulationId);
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.remind',
        targetType: 'library_circulation',
        targetId: circulationId,
        detail: { reminded: n },
      });
      return { reminded: n };
    });
  }

  /** Reminds a circulation's unread recipients (used by the sender and by the due-date job). */
  async sendReminders(trx: Trx, circulationId: number): Promise<number> {
    const c = await trx.selectFrom('library_circulation').selectAll().where('id', '=', circulationId).executeTakeFirst();
    if (!c || c.status !== 'circulating') return 0;
    const item = (await repo.findItem(trx, c.item_id))!;
    const unread = await trx
      .selectFrom('library_circulation_recipient')
      .select('user_id')
      .where('circulation_id', '=', circulationId)
      .where('read_at', 'is', null)
      .execute();
    const at = iso(this.now());
    await trx
      .updateTable('library_circulation_recipient')
      .set((eb) => ({ reminded_at: at, reminders: eb('reminders', '+', 1) }))
      .where('circulation_id', '=', circulationId)
      .where('read_at', 'is', null)
      .execute();
    await this.ctx.notifier.send(
      trx,
      unread.map((u) => u.user_id),
      {
        kind: 'library.circulation_remind',
        title: `催阅：${item.title}`,
        body: c.due_date ? `请于 ${c.due_date} 前阅毕` : '请尽快阅毕',
        link: `/library/items/${item.id}`,
        level: item.level,
      },
    );
    return unread.length;
  }

  /** Circulations the actor sent or received, newest first. */
  async listCirculations(actor: Actor, q: { box: 'sent' | 'received'; unread?: boolean; page: number; pageSize: number }) {
    let base = this.ctx.db
      .selectFrom('library_circulation as c')
      .innerJoin('library_item', 'library_item.id', 'c.item_id')
      .innerJoin('user as sender', 'sender.id', 'c.created_by')
      .where(contentVisibleTo(actor));
    if (q.box === 'sent') base = base.where('c.created_by', '=', actor.id);
    else {
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('library_circulation_recipient as r')
            .select('r.user_id')
            .whereRef('r.circulation_id', '=', 'c.id')
            .where('r.user_id', '=', actor.id)
            .$if(q.unread === true, (qb) => qb.where('r.read_at', 'is', null)),
        ),
      );
    }
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select([
        'c.id',
        'c.item_id',
        'library_item.title',
        'library_item.kind',
        'library_item.level',
        'c.purpose',
        'c.status',
        'c.due_date',
        'c.created_at',
        'sender.name as sender_name',
      ])
      .orderBy('c.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const ids = rows.map((r) => r.id);
    const recips = ids.length ? await this.ctx.db.selectFrom('library_circulation_recipient').selectAll().where('circulation_id', 'in', ids).execute() : [];
    return {
      total,
      items: rows.map((r) => {
        const rs = recips.filter((x) => x.circulation_id === r.id);
        const mine = rs.find((x) => x.user_id === actor.id);
        return {
          id: r.id,
          itemId: r.item_id,
          itemTitle: r.title,
          kindName: LIBRARY_KINDS[r.kind as LibraryKind]?.zh ?? r.kind,
          level: r.level,
          purpose: r.purpose,
          status: r.status,
          statusName: CIRCULATION_STATES[r.status as keyof typeof CIRCULATION_STATES]?.zh ?? r.status,
          dueDate: r.due_date,
          createdAt: r.created_at,
          senderName: r.sender_name,
          readCount: rs.filter((x) => x.read_at).length,
          total: rs.length,
          myReadAt: mine ? mine.read_at : null,
        };
      }),
    };
  }

  // ---------------------------------------------------------------- 议政会 notices

  /** Issues a 议政会 notice to all divisions of the office: a library item circulated to every division member, with receipts. */
  async issueNotice(
    actor: Actor,
    input: { category: NoticeCategory; title: string; body: string; level: number; date: string },
  ): Promise<{ id: number; recipients: number }> {
    if (!libraryPolicy.issueNotice(actor)) throw new ForbiddenError();
    const divisions = (await this.ctx.db.selectFrom('unit').select('id').where('kind', 'in', ['office', 'division']).where('active', '=', 1).execute()).map(
      (u) => u.id,
    );
    const created = await this.ctx.db.transaction().execute(async (trx) => {
      await this.checkLevel(trx, actor, input.level);
      const at = iso(this.now());
      const item = await trx
        .insertInto('library_item')
        .values({
          kind: 'notice',
          title: input.title,
          source: `议政会·${NOTICE_CATEGORIES[input.category].zh}`,
          owner_unit_id: actor.unitId,
          created_by: actor.id,
          level: input.level,
          secrecy_period: null,
          scope: 'scoped',
          catalog: 0,
          keywords: NOTICE_CATEGORIES[input.category].zh,
          summary: input.body.slice(0, 200),
          content: input.body,
          date: input.date,
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await repo.setScope(trx, item.id, divisions, []);
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.notice_issue',
        targetType: 'library_item',
        targetId: item.id,
        detail: { category: input.category, level: input.level },
      });
      await this.reindexItem(trx, item);
      return item;
    });
    const members = (await repo.businessUsersOf(this.ctx.db, divisions)).filter((u) => u.clearance >= input.level && u.id !== actor.id);
    const circ = await this.circulate(actor, created.id, {
      userIds: members.map((m) => m.id),
      unitIds: [],
      purpose: `议政会通知（${NOTICE_CATEGORIES[input.category].zh}），请各处室阅知`,
      dueDate: null,
    });
    return { id: created.id, recipients: circ.recipients };
  }

  // ---------------------------------------------------------------- distribution lists

  /** 定期分送 lists the actor manages or subscribes to. */
  async listDistributions(actor: Actor) {
    if (!isBusinessUser(actor)) return { items: [] };
    const rows = await this.ctx.db
      .selectFrom('library_distribution as d')
      .selectAll('d')
      .where((eb) =>
        eb.or([
          eb('d.owner_unit_id', '=', actor.unitId),
          eb('d.created_by', '=', actor.id),
          eb.exists(
            eb.selectFrom('library_distribution_subscriber as s').select('s.user_id').whereRef('s.list_id', '=', 'd.id').where('s.user_id', '=', actor.id),
          ),
        ]),
      )
      .orderBy('d.id')
      .execute();
    return { items: await this.presentLists(this.ctx.db, actor, rows) };
  }

  private async presentLists(db: Db | Trx, actor: Actor, rows: repo.DistributionRow[]) {
    const subs = rows.length
      ? await db
          .selectFrom('library_distribution_subscriber')
          .selectAll()
          .where(
            'list_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const names = await repo.namesOf(
      db,
      rows.map((r) => r.owner_unit_id),
      subs.map((s) => s.user_id),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kinds: JSON.parse(r.kinds) as string[],
      periodDays: r.period_days,
      ownerUnitId: r.owner_unit_id,
      ownerUnitName: names.units.get(r.owner_unit_id) ?? '',
      lastSentAt: r.last_sent_at,
      active: r.active === 1,
      version: r.version,
      subscribers: subs.filter((s) => s.list_id === r.id).map((s) => ({ id: s.user_id, name: names.users.get(s.user_id) ?? '' })),
      canManage: libraryPolicy.manageList(actor, { createdBy: r.created_by, ownerUnitId: r.owner_unit_id }),
    }));
  }

  /** Loads a distribution list, refusing (404) unless the actor may see it. */
  private async loadList(db: Db | Trx, actor: Actor, id: number, action: string): Promise<repo.DistributionRow> {
    const list = await repo.findList(db, id);
    const subscribed = list !== undefined && (await repo.subscriberIdsOf(db, id)).includes(actor.id);
    authorizeRead(
      list !== undefined && libraryPolicy.readList(actor, { createdBy: list.created_by, ownerUnitId: list.owner_unit_id, subscribed }),
      action,
      'library_distribution',
      id,
    );
    return list!;
  }

  /** One 定期分送 list with its subscribers and whether the actor manages it. */
  async getDistribution(actor: Actor, id: number) {
    const list = await this.loadList(this.ctx.db, actor, id, 'library.distribution_read');
    return (await this.presentLists(this.ctx.db, actor, [list]))[0]!;
  }

  /**
   * Moves the list's next run to `dueAt`: its pending run is cancelled first. A cancelled run at
   * the same instant (a pause and a resume within one clock tick) is revived, because the job
   * queue keeps one row per kind, target and due time.
   */
  private async rescheduleList(trx: Trx, listId: number, dueAt: Date | null): Promise<void> {
    await this.ctx.scheduler.cancel(trx, 'library_distribution', listId, 'library.distribute');
    if (!dueAt) return;
    await this.ctx.scheduler.schedule(trx, { kind: 'library.distribute', targetType: 'library_distribution', targetId: listId, dueAt });
    await trx
      .updateTable('job')
      .set({ status: 'pending', done_at: null, done_by: null })
      .where('kind', '=', 'library.distribute')
      .where('target_type', '=', 'library_distribution')
      .where('target_id', '=', listId)
      .where('due_at', '=', iso(dueAt))
      .where('status', '=', 'cancelled')
      .execute();
  }

  /**
   * Changes a 定期分送 list (optimistic lock on `version`): name, kinds, period, subscribers;
   * `active: false` pauses it (its pending run is cancelled), `active: true` resumes it — only items
   * filed after the resumption are sent, one period later. A new period moves the next run.
   */
  async updateDistribution(
    actor: Actor,
    id: number,
    input: { version: number; name?: string; kinds?: LibraryKind[]; periodDays?: number; subscriberIds?: number[]; active?: boolean },
  ): Promise<{ version: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const list = await this.loadList(trx, actor, id, 'library.distribution_update');
      if (!libraryPolicy.manageList(actor, { createdBy: list.created_by, ownerUnitId: list.owner_unit_id })) throw new ForbiddenError();
      if (list.version !== input.version) throw new StaleVersionError({ current: list.version });
      if (input.subscriberIds) await this.checkPeople(trx, [], input.subscriberIds);
      const now = this.now();
      const wasActive = list.active === 1;
      const active = input.active ?? wasActive;
      const period = input.periodDays ?? list.period_days;
      const kinds = input.kinds ? JSON.stringify(input.kinds) : undefined;
      const resumed = active && !wasActive;
      const patch = {
        name: input.name,
        kinds,
        period_days: input.periodDays,
        active: input.active === undefined ? undefined : active ? 1 : 0,
        last_sent_at: resumed ? iso(now) : undefined,
      };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(patch))
        if (v !== undefined && v !== (list as Record<string, unknown>)[k]) changes[k] = [(list as Record<string, unknown>)[k], v];
      const res = await trx
        .updateTable('library_distribution')
        .set({ ...patch, version: list.version + 1, updated_at: iso(now) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      if (input.subscriberIds) {
        const before = await repo.subscriberIdsOf(trx, id);
        await repo.setSubscribers(trx, id, input.subscriberIds);
        const after = await repo.subscriberIdsOf(trx, id);
        if (before.join() !== after.join()) changes.subscribers = [before, after];
      }
      if (!active && wasActive) await this.rescheduleList(trx, id, null);
      else if (resumed) await this.rescheduleList(trx, id, new Date(now.getTime() + period * DAY));
      else if (active && period !== list.period_days)
        await this.rescheduleList(trx, id, new Date(Math.max(now.getTime(), new Date(list.last_sent_at).getTime() + period * DAY)));
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.distribution_update',
        targetType: 'library_distribution',
        targetId: id,
        changes,
      });
      return { version: list.version + 1 };
    });
  }

  /** Deletes a 定期分送 list (optimistic lock on `version`), its subscribers and its pending run. */
  async deleteDistribution(actor: Actor, id: number, version: number): Promise<{ deleted: true }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const list = await this.loadList(trx, actor, id, 'library.distribution_delete');
      if (!libraryPolicy.manageList(actor, { createdBy: list.created_by, ownerUnitId: list.owner_unit_id })) throw new ForbiddenError();
      if (list.version !== version) throw new StaleVersionError({ current: list.version });
      const subscribers = await repo.subscriberIdsOf(trx, id);
      await this.rescheduleList(trx, id, null);
      await repo.setSubscribers(trx, id, []);
      const res = await trx.deleteFrom('library_distribution').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      if (Number(res.numDeletedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.distribution_delete',
        targetType: 'library_distribution',
        targetId: id,
        detail: { name: list.name, kinds: JSON.parse(list.kinds) as string[], periodDays: list.period_days, subscribers },
      });
      return { deleted: true as const };
    });
  }

  /** Creates a 定期分送 list: new items of `kinds` are sent to subscribers every `periodDays`. */
  async createDistribution(actor: Actor, input: { name: string; kinds: LibraryKind[]; periodDays: number; subscriberIds: number[] }): Promise<{ id: number }> {
    if (!isBusinessUser(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.checkPeople(trx, [], input.subscriberIds);
      const now = this.now();
      const row = await trx
        .insertInto('library_distribution')
        .values({
          name: input.name,
          kinds: JSON.stringify(input.kinds),
          period_days: input.periodDays,
          owner_unit_id: actor.unitId,
          created_by: actor.id,
          last_sent_at: iso(now),
          active: 1,
          created_at: iso(now),
          updated_at: iso(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.subscriberIds.length)
        await trx
          .insertInto('library_distribution_subscriber')
          .values([...new Set(input.subscriberIds)].map((u) => ({ list_id: row.id, user_id: u })))
          .execute();
      await this.ctx.scheduler.schedule(trx, {
        kind: 'library.distribute',
        targetType: 'library_distribution',
        targetId: row.id,
        dueAt: new Date(now.getTime() + input.periodDays * DAY),
      });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.distribution_create',
        targetType: 'library_distribution',
        targetId: row.id,
        detail: { kinds: input.kinds, periodDays: input.periodDays, subscribers: input.subscriberIds },
      });
      return { id: row.id };
    });
  }

  /** Sends a list's new items to each subscriber (only what that subscriber may see), then schedules the next run. */
  async distribute(trx: Trx, listId: number): Promise<number> {
    const list = await trx.selectFrom('library_distribution').selectAll().where('id', '=', listId).executeTakeFirst();
    if (!list || list.active !== 1) return 0;
    const now = this.now();
    const kinds = JSON.parse(list.kinds) as string[];
    const subs = await trx
      .selectFrom('library_distribution_subscriber as s')
      .innerJoin('user', 'user.id', 's.user_id')
      .select(['user.id', 'user.unit_id', 'user.clearance'])
      .where('s.list_id', '=', listId)
      .where('user.disabled', '=', 0)
      .execute();
    const roles = subs.length
      ? await trx
          .selectFrom('user_role')
          .selectAll()
          .where(
            'user_id',
            'in',
            subs.map((s) => s.id),
          )
          .execute()
      : [];
    let sent = 0;
    for (const s of subs) {
      const actor: Actor = {
        id: s.id,
        username: '',
        name: '',
        unitId: s.unit_id,
        unitName: '',
        unitCode: null,
        roles: roles.filter((r) => r.user_id === s.id).map((r) => r.role) as Actor['roles'],
        clearance: s.clearance as Actor['clearance'],
        adminRole: null,
        ip: null,
        locale: 'zh-CN',
      };
      const items = kinds.length
        ? await trx
            .selectFrom('library_item')
            .select(['id', 'title'])
            .where('kind', 'in', kinds)
            .where('created_at', '>', list.last_sent_at)
            .where('created_at', '<=', iso(now))
            .where(entryVisibleTo(actor))
            .orderBy('id')
            .limit(50)
            .execute()
        : [];
      if (!items.length) continue;
      await this.ctx.notifier.send(trx, [s.id], {
        kind: 'library.distribution',
        title: `定期分送：${list.name}（${items.length} 件）`,
        body: items.map((i) => `· ${i.title}`).join('\n'),
        link: '/library',
        level: 0,
      });
      sent++;
    }
    await trx
      .updateTable('library_distribution')
      .set((eb) => ({ last_sent_at: iso(now), version: eb('version', '+', 1), updated_at: iso(now) }))
      .where('id', '=', listId)
      .execute();
    await this.ctx.scheduler.schedule(trx, {
      kind: 'library.distribute',
      targetType: 'library_distribution',
      targetId: listId,
      dueAt: new Date(now.getTime() + list.period_days * DAY),
    });
    await this.ctx.audit.append(trx, {
      actor: null,
      action: 'library.distribute',
      targetType: 'library_distribution',
      targetId: listId,
      detail: { subscribersSent: sent },
    });
    return sent;
  }

  // ---------------------------------------------------------------- forum

  /** Forum topics the actor is cleared for. */
  async listTopics(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
    let base = this.ctx.db
      .selectFrom('library_topic')
      .innerJoin('user', 'user.id', 'library_topic.author_id')
      .innerJoin('unit', 'unit.id', 'library_topic.unit_id')
      .where(topicVisibleTo(actor))
      .where('library_topic.status', '<>', 'hidden');
    if (q.q) base = base.where('library_topic.title', 'like', like(q.q));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select([
        'library_topic.id',
        'library_topic.title',
        'library_topic.level',
        'library_topic.status',
        'library_topic.pinned',
        'library_topic.replies',
        'library_topic.last_reply_at',
        'library_topic.created_at',
        'user.name as author',
        'unit.short_name as unit',
      ])
      .orderBy('library_topic.pinned', 'desc')
      .orderBy(sql`COALESCE(library_topic.last_reply_at, library_topic.created_at)`, 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        level: r.level,
        status: r.status,
        pinned: r.pinned === 1,
        replies: r.replies,
        lastReplyAt: r.last_reply_at,
        createdAt: r.created_at,
        author: r.author,
        unit: r.unit,
      })),
    };
  }

  /** Opens a topic on a key or hard question, optionally tied to a library item the actor may see. */
  async createTopic(actor: Actor, input: { title: string; body: string; level: number; itemId?: number | null }): Promise<{ id: number }> {
    if (!isBusinessUser(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.checkLevel(trx, actor, input.level);
      if (input.itemId) await this.loadEntry(trx, actor, input.itemId, 'library.read');
      const at = iso(this.now());
      const row = await trx
        .insertInto('library_topic')
        .values({
          title: input.title,
          body: input.body,
          level: input.level,
          item_id: input.itemId ?? null,
          author_id: actor.id,
          unit_id: actor.unitId,
          status: 'open',
          pinned: 0,
          replies: 0,
          last_reply_at: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.topic_create',
        targetType: 'library_topic',
        targetId: row.id,
        detail: { level: input.level, itemId: input.itemId ?? null },
      });
      const doc = await repo.topicSearchDoc(trx, row.id);
      if (doc) await this.ctx.search.index(trx, doc);
      return { id: row.id };
    });
  }

  private async loadTopic(db: Db | Trx, actor: Actor, id: number, action: string) {
    const t = await db.selectFrom('library_topic').selectAll().where('id', '=', id).executeTakeFirst();
    authorizeRead(
      t !== undefined && libraryPolicy.readTopic(actor, t) && (t.status !== 'hidden' || libraryPolicy.moderate(actor)),
      action,
      'library_topic',
      id,
    );
    return t!;
  }

  /** A topic with its replies (hidden replies are shown to moderators only). */
  async getTopic(actor: Actor, id: number) {
    const t = await this.loadTopic(this.ctx.db, actor, id, 'library.topic_read');
    const mod = libraryPolicy.moderate(actor);
    const replies = await this.ctx.db
      .selectFrom('library_reply')
      .selectAll()
      .where('topic_id', '=', id)
      .$if(!mod, (qb) => qb.where('hidden', '=', 0))
      .orderBy('id')
      .execute();
    const names = await repo.namesOf(this.ctx.db, [t.unit_id], [t.author_id, ...replies.map((r) => r.author_id)]);
    let item: { id: number; title: string } | null = null;
    if (t.item_id) {
      const i = await repo.findItem(this.ctx.db, t.item_id);
      if (i && libraryPolicy.readEntry(actor, await repo.factsOf(this.ctx.db, actor, i))) item = { id: i.id, title: i.title };
    }
    return {
      id: t.id,
      title: t.title,
      body: t.body,
      level: t.level,
      status: t.status,
      pinned: t.pinned === 1,
      author: names.users.get(t.author_id) ?? '',
      unit: names.units.get(t.unit_id) ?? '',
      createdAt: t.created_at,
      version: t.version,
      item,
      replies: replies.map((r) => ({ id: r.id, body: r.body, author: names.users.get(r.author_id) ?? '', createdAt: r.created_at, hidden: r.hidden === 1 })),
      actions: { reply: t.status === 'open', moderate: mod },
    };
  }

  /** Replies to an open topic. */
  async reply(actor: Actor, topicId: number, input: { body: string }): Promise<{ id: number }> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const t = await this.loadTopic(trx, actor, topicId, 'library.reply');
      if (t.status !== 'open') throw new RuleError('library.topic_closed');
      const at = iso(this.now());
      const row = await trx
        .insertInto('library_reply')
        .values({ topic_id: topicId, body: input.body, author_id: actor.id, hidden: 0, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('library_topic')
        .set((eb) => ({ replies: eb('replies', '+', 1), last_reply_at: at }))
        .where('id', '=', topicId)
        .execute();
      await this.ctx.audit.append(trx, { actor, action: 'library.reply', targetType: 'library_topic', targetId: topicId, detail: { replyId: row.id } });
      const doc = await repo.topicSearchDoc(trx, topicId);
      if (doc) await this.ctx.search.index(trx, doc);
      if (t.author_id !== actor.id)
        await this.ctx.notifier.send(trx, [t.author_id], {
          kind: 'library.reply',
          title: `论坛回复：${t.title}`,
          body: `${actor.name} 回复了您的话题`,
          link: `/library/forum/${topicId}`,
          level: t.level,
        });
      return { id: row.id };
    });
  }

  /** Moderation by the office: pin/unpin, close/reopen, hide a topic, hide/show a reply. */
  async moderate(
    actor: Actor,
    topicId: number,
    input: { version: number; action: 'pin' | 'unpin' | 'close' | 'reopen' | 'hide' | 'hide_reply' | 'show_reply'; replyId?: number },
  ): Promise<{ version: number }> {
    if (!libraryPolicy.moderate(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      const t = await this.loadTopic(trx, actor, topicId, 'library.moderate');
      if (t.version !== input.version) throw new StaleVersionError({ current: t.version });
      const set: Record<string, unknown> = {};
      if (input.action === 'pin' || input.action === 'unpin') set.pinned = input.action === 'pin' ? 1 : 0;
      if (input.action === 'close') set.status = 'closed';
      if (input.action === 'reopen') set.status = 'open';
      if (input.action === 'hide') set.status = 'hidden';
      if (input.action === 'hide_reply' || input.action === 'show_reply') {
        const r = input.replyId
          ? await trx.selectFrom('library_reply').select('id').where('id', '=', input.replyId).where('topic_id', '=', topicId).executeTakeFirst()
          : undefined;
        if (!r) throw new NotFoundError();
        await trx
          .updateTable('library_reply')
          .set({ hidden: input.action === 'hide_reply' ? 1 : 0 })
          .where('id', '=', r.id)
          .execute();
      }
      const res = await trx
        .updateTable('library_topic')
        .set({ ...set, version: t.version + 1, updated_at: iso(this.now()) })
        .where('id', '=', topicId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, {
        actor,
        action: `library.moderate_${input.action}`,
        targetType: 'library_topic',
        targetId: topicId,
        detail: input.replyId ? { replyId: input.replyId } : null,
      });
      if (input.action === 'hide') await this.ctx.search.remove(trx, 'library_topic', topicId);
      else {
        const doc = await repo.topicSearchDoc(trx, topicId);
        if (doc) await this.ctx.search.index(trx, doc);
      }
      return { version: t.version + 1 };
    });
  }

  // ---------------------------------------------------------------- use statistics

  /** Current weights of the use score and their version. */
  async weights(db: Db | Trx = this.ctx.db): Promise<{ weights: Record<UseKind, number>; version: number }> {
    const { value, version } = await readSetting(db, WEIGHTS_KEY, DEFAULT_USE_WEIGHTS, (v) => v as Partial<Record<UseKind, number>>);
    return { weights: value, version };
  }

  /** Sets the weights of the use score (office director; optimistic lock). */
  async putWeights(actor: Actor, input: { version: number; weights: Record<UseKind, number> }): Promise<{ version: number }> {
    if (!libraryPolicy.manageWeights(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      const before = await this.weights(trx);
      if (before.version !== input.version) throw new StaleVersionError({ current: before.version });
      await writeSetting(trx, WEIGHTS_KEY, input.version, input.weights, this.now());
      await this.ctx.audit.append(trx, {
        actor,
        action: 'library.weights_update',
        targetType: 'setting',
        targetId: WEIGHTS_KEY,
        changes: { weights: [before.weights, input.weights] },
      });
      return { version: before.version + 1 };
    });
  }

  /**
   * The per-unit table of uses (提供、查阅、下载、应用、转化) with a quantified score, over the items
   * the actor may see, for [from, to] (China dates, inclusive). Feeds assessment.
   */
  async useStats(actor: Actor, q: { from: string; to: string }) {
    const fromAt = iso(new Date(`${q.from}T00:00:00+08:00`));
    const toAt = iso(new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + DAY));
    const rows = await repo.useTable(this.ctx.db, entryVisibleTo(actor), fromAt, toAt);
    const { weights, version } = await this.weights();
    const byUnit = new Map<number, { unitId: number; unitName: string; counts: Record<UseKind, number>; score: number }>();
    for (const r of rows) {
      let u = byUnit.get(r.unit_id);
      if (!u)
        byUnit.set(
          r.unit_id,
          (u = { unitId: r.unit_id, unitName: r.short_name, counts: Object.fromEntries(USE_KINDS.map((k) => [k, 0])) as Record<UseKind, number>, score: 0 }),
        );
      if ((USE_KINDS as readonly string[]).includes(r.kind)) u.counts[r.kind as UseKind] += Number(r.n);
    }
    const units = [...byUnit.values()].map((u) => ({ ...u, score: Math.round(USE_KINDS.reduce((s, k) => s + u.counts[k] * weights[k], 0) * 100) / 100 }));
    units.sort((a, b) => b.score - a.score || a.unitId - b.unitId);
    return { from: q.from, to: q.to, weights, weightsVersion: version, canEditWeights: libraryPolicy.manageWeights(actor), units };
  }

  // ---------------------------------------------------------------- 工作台

  /** The actor's pending items: unread circulations (due-date lights) and access requests to decide. */
  async workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    if (!isBusinessUser(actor)) return [];
    const circ = await db
      .selectFrom('library_circulation_recipient as r')
      .innerJoin('library_circulation as c', 'c.id', 'r.circulation_id')
      .innerJoin('library_item', 'library_item.id', 'c.item_id')
      .innerJoin('unit', 'unit.id', 'library_item.owner_unit_id')
      .select(['c.id', 'c.item_id', 'library_item.title', 'library_item.kind', 'c.due_date', 'unit.short_name'])
      .where('r.user_id', '=', actor.id)
      .where('r.read_at', 'is', null)
      .where(contentVisibleTo(actor))
      .orderBy('c.id', 'desc')
      .limit(100)
      .execute();
    const head = actor.roles.includes('division_head') || actor.roles.includes('director');
    const reqs = await db
      .selectFrom('library_access_request as r')
      .innerJoin('library_item', 'library_item.id', 'r.item_id')
      .innerJoin('unit', 'unit.id', 'library_item.owner_unit_id')
      .select(['r.id', 'r.item_id', 'library_item.title', 'r.created_at', 'unit.short_name'])
      .where('r.status', '=', 'pending')
      .where('library_item.level', '<=', actor.clearance)
      .where((eb) =>
        head
          ? eb.or([eb('library_item.created_by', '=', actor.id), eb('library_item.owner_unit_id', '=', actor.unitId)])
          : eb('library_item.created_by', '=', actor.id),
      )
      .orderBy('r.id', 'desc')
      .limit(100)
      .execute();
    const cal = this.ctx.calendar;
    return [
      ...circ.map((c) => ({
        module: 'library',
        moduleName: LIBRARY_NAME,
        id: c.id,
        title: `${c.kind === 'notice' ? '议政会通知' : '传阅'}：${c.title}`,
        ownerUnit: c.short_name,
        deadline: c.due_date,
        light: cal.light(c.due_date, now),
        status: '待阅',
        link: `/library/items/${c.item_id}`,
      })),
      ...reqs.map((r) => {
        const deadline = cal.addWorkingDays(chinaDate(new Date(r.created_at)), 3);
        return {
          module: 'library',
          moduleName: LIBRARY_NAME,
          id: r.id,
          title: `查阅申请待审批：${r.title}`,
          ownerUnit: r.short_name,
          deadline,
          light: cal.light(deadline, now),
          status: '待审批',
          link: '/library/requests',
        };
      }),
    ];
  }

  /** Uses per actions the web shows on an access request. */
  requestActions(actor: Actor, row: { id: number; status: string; version: number; decidable: boolean }): string[] {
    return allowedTransitions(accessRequestWorkflow, actor, row);
  }
}

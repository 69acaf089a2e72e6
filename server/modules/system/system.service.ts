/** System use cases: settings, audit browsing, notifications inbox, the 工作台 aggregation, attachments. */
import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/actor.js';
import { isBusinessUser } from '../../platform/actor.js';
import { DeniedError } from '../../platform/authz.js';
import { iso } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/errors.js';
import type { AppContext, WorkbenchItem, WorkbenchProvider } from '../../platform/module.js';
import type { SecuritySettings } from '../../platform/settings.js';
import { systemPolicy } from './system.policy.js';

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, none: 3 } as const;

/** System use cases. */
export class SystemService {
  constructor(
    private readonly ctx: AppContext,
    private readonly workbenchProviders: readonly WorkbenchProvider[],
  ) {}

  /** Security settings (安全保密管理员). */
  async getSettings(actor: Actor) {
    if (!systemPolicy.manageSettings(actor)) throw new ForbiddenError();
    this.ctx.settings.invalidate();
    const { value, version } = await this.ctx.settings.get(this.ctx.db);
    return { settings: value, version };
  }

  /** Changes security settings (optimistic lock). */
  async putSettings(actor: Actor, version: number, settings: SecuritySettings) {
    if (!systemPolicy.manageSettings(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      this.ctx.settings.invalidate();
      const before = (await this.ctx.settings.get(trx)).value;
      const next = await this.ctx.settings.put(trx, version, settings);
      const changes: Record<string, [unknown, unknown]> = {};
      for (const k of Object.keys(settings) as (keyof SecuritySettings)[])
        if (JSON.stringify(before[k]) !== JSON.stringify(settings[k])) changes[k] = [before[k], settings[k]];
      await this.ctx.audit.append(trx, { actor, action: 'system.settings_update', targetType: 'setting', targetId: 'security', changes });
      return { settings, version: next };
    });
  }

  /** The calendar's explicit days of a year (holidays and 调休 workdays). */
  async listHolidays(year: number) {
    const rows = await this.ctx.db
      .selectFrom('holiday')
      .selectAll()
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .orderBy('date')
      .execute();
    return rows.map((r) => ({ date: r.date, workday: Boolean(r.workday), name: r.name }));
  }

  /** Replaces the explicit days of a year (系统管理员); every process reloads the calendar within a minute. */
  async putHolidays(actor: Actor, year: number, days: { date: string; workday: boolean; name: string }[]) {
    if (!systemPolicy.manageCalendar(actor)) throw new ForbiddenError();
    if (days.some((d) => !d.date.startsWith(`${year}-`))) throw new RuleError('system.holiday_wrong_year', { year });
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('holiday')
        .select(['date', 'workday', 'name'])
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .orderBy('date')
        .execute();
      await trx.deleteFrom('holiday').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
      for (const d of days)
        await trx
          .insertInto('holiday')
          .values({ date: d.date, workday: d.workday ? 1 : 0, name: d.name })
          .execute();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'system.calendar_update',
        targetType: 'holiday',
        targetId: year,
        changes: { days: [before.length, days.length] },
      });
    });
    await this.ctx.calendar.load(this.ctx.db);
    return this.listHolidays(year);
  }

  /** Browses the audit trail (安全审计员). */
  async listAudit(
    actor: Actor,
    q: {
      page: number;
      pageSize: number;
      actor?: string;
      action?: string;
      outcome?: string;
      from?: string;
      to?: string;
      targetType?: string;
      targetId?: string;
    },
  ) {
    if (!systemPolicy.readAudit(actor)) throw new ForbiddenError();
    let base = this.ctx.db.selectFrom('audit_event');
    if (q.actor) base = base.where('actor_name', 'like', `%${q.actor}%`);
    if (q.action) base = base.where('action', 'like', `${q.action}%`);
    if (q.outcome) base = base.where('outcome', '=', q.outcome);
    if (q.from) base = base.where('at', '>=', q.from);
    if (q.to) base = base.where('at', '<=', q.to);
    if (q.targetType) base = base.where('target_type', '=', q.targetType);
    if (q.targetId) base = base.where('target_id', '=', q.targetId);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      items: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        ip: r.ip,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        outcome: r.outcome,
        changes: r.changes ? JSON.parse(r.changes) : null,
        detail: r.detail ? JSON.parse(r.detail) : null,
        algo: r.algo,
      })),
    };
  }

  /** Verifies the audit chain, and records that it did. */
  async verifyAudit(actor: Actor) {
    if (!systemPolicy.readAudit(actor)) throw new ForbiddenError();
    const result = await this.ctx.audit.verify(this.ctx.db);
    await this.ctx.audit.record(this.ctx.db, {
      actor,
      action: 'audit.verify',
      detail: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken },
    });
    return result;
  }

  /** The 工作台: every module's pending items of the actor, most urgent first. */
  async workbench(actor: Actor) {
    const items: WorkbenchItem[] = [];
    if (isBusinessUser(actor)) {
      const now = this.ctx.clock.now();
      for (const p of this.workbenchProviders) items.push(...(await p(this.ctx.db, actor, now)));
    }
    items.sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
    const counts = { green: 0, yellow: 0, red: 0, total: items.length };
    for (const i of items) if (i.light !== 'none') counts[i.light]++;
    return { items, counts };
  }

  /** The actor's inbox (only messages at or below the actor's clearance). */
  async listNotifications(actor: Actor, q: { page: number; pageSize: number; unread: boolean }) {
    let base = this.ctx.db.selectFrom('notification').where('user_id', '=', actor.id).where('level', '<=', actor.clearance);
    const unread = Number(
      (
        await base
          .where('read_at', 'is', null)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (q.unread) base = base.where('read_at', 'is', null);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return {
      total,
      unread,
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
    };
  }

  /** Unread count for the bell. */
  async unreadCount(actor: Actor): Promise<number> {
    return Number(
      (
        await this.ctx.db
          .selectFrom('notification')
          .where('user_id', '=', actor.id)
          .where('level', '<=', actor.clearance)
          .where('read_at', 'is', null)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  /** Marks one message (or all, with id null) read. */
  async markRead(actor: Actor, id: number | null): Promise<void> {
    let q = this.ctx.db
      .updateTable('notification')
      .set({ read_at: iso(this.ctx.clock.now()) })
      .where('user_id', '=', actor.id)
      .where('read_at', 'is', null);
    if (id !== null) q = q.where('id', '=', id);
    const res = await q.executeTakeFirst();
    if (id !== null && Number(res.numUpdatedRows) !== 1) {
      const own = await this.ctx.db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
      if (!own) throw new NotFoundError();
    }
  }

  /** Uploads an attachment to an owner item, through the owner's policy. */
  async upload(actor: Actor, ownerType: string, ownerId: number, file: Readable & { truncated?: boolean }, filename: string) {
    const owner = this.ctx.files.owners.get(ownerType);
    if (!owner || !(await owner.canRead(this.ctx.db, actor, ownerId))) {
      file.resume();
      throw new DeniedError('file.upload', ownerType, ownerId);
    }
    if (!(await owner.canAttach(this.ctx.db, actor, ownerId))) {
      file.resume();
      throw new ForbiddenError();
    }
    const received = await this.ctx.files.receive(file, filename);
    return this.ctx.db.transaction().execute(async (trx) => {
      const info = await this.ctx.files.record(trx, received, { type: ownerType, id: ownerId }, actor);
      await this.ctx.audit.append(trx, {
        actor,
        action: 'file.upload',
        targetType: ownerType,
        targetId: ownerId,
        detail: { attachmentId: info.id, filename: info.filename, size: info.size, sha256: info.sha256 },
      });
      return info;
    });
  }

  /** Opens an attachment for download, through the owner's policy. */
  async download(actor: Actor, id: number) {
    const a = await this.ctx.db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();
    const owner = a ? this.ctx.files.owners.get(a.owner_type) : undefined;
    if (!a || !owner || !(await owner.canRead(this.ctx.db, actor, a.owner_id))) throw new DeniedError('file.download', 'attachment', id);
    // opened first: a missing content answers 404 file.content_missing without a download in the trail
    const stream = await this.ctx.files.open(a.sha256);
    try {
      await this.ctx.audit.record(this.ctx.db, {
        actor,
        action: 'file.download',
        targetType: 'attachment',
        targetId: id,
        detail: { ownerType: a.owner_type, ownerId: a.owner_id },
      });
    } catch (err) {
      stream.destroy();
      throw err;
    }
    return { filename: a.filename, mime: a.mime, size: a.size, stream };
  }

  /** The attachments of an owner item, through the owner's policy. */
  async listAttachments(actor: Actor, ownerType: string, ownerId: number) {
    const owner = this.ctx.files.owners.get(ownerType);
    if (!owner || !(await owner.canRead(this.ctx.db, actor, ownerId))) throw new DeniedError('file.list', ownerType, ownerId);
    return this.ctx.files.listFor(this.ctx.db, ownerType, ownerId);
  }
}

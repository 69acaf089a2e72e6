/** System use cases: settings, audit browsing, notifications inbox, the 工作台 aggregation, attachments. */
import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/actor.js';
import { isBusinessUser } from '../../platform/actor.js';
import { DeniedError } from '../../platform/authz.js';
import { iso } from '../../platform/clock.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/errors.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { SecuritySettings } from '../../platform/settings.js';
import type { SystemContract } from './system.contract.js';
import { systemPolicy } from './system.policy.js';
import * as repo from './system.repo.js';
import { looseEndsBoard } from './system.loose-ends.js';

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unreadable: true };
  }
}

const LIGHT_ORDER = { red: 0, yellow: 1, green: 2, none: 3 } as const;

/** System use cases. */
export class SystemService implements SystemContract {
  constructor(private readonly ctx: AppContext) {}

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
    const rows = await repo.holidayRows(this.ctx.db, year);
    return rows.map((r) => ({ date: r.date, workday: Boolean(r.workday), name: r.name }));
  }

  /** Replaces the explicit days of a year (系统管理员); every process reloads the calendar within a minute. */
  async putHolidays(actor: Actor, year: number, days: { date: string; workday: boolean; name: string }[]) {
    if (!systemPolicy.manageCalendar(actor)) throw new ForbiddenError();
    if (days.some((d) => !d.date.startsWith(`${year}-`))) throw new RuleError('system.holiday_wrong_year', { year });
    await this.ctx.db.transaction().execute(async (trx) => {
      const before = await repo.holidayRows(trx, year);
      await repo.replaceHolidays(trx, year, days);
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

  /**
   * Browses the audit trail (安全审计员). `actor` matches the actor's display name recorded in the
   * entry, or the current username or name of the user. Business content never reaches this reader:
   * `changes` and `detail` are redacted again on the way out (entries written before the trail
   * redacted on write), and an entry's object is named only where the reader may see it — users and
   * units by name; a business item by its type, id and, where its module tells it, its level (the
   * 三员 see no business item, so never its title).
   */
  async listAudit(actor: Actor, q: repo.AuditFilter) {
    if (!systemPolicy.readAudit(actor)) throw new ForbiddenError();
    const db = this.ctx.db;
    const { total, rows } = await repo.auditPage(db, q);
    const ids = (type: string) => [...new Set(rows.filter((r) => r.target_type === type && /^\d+$/.test(r.target_id ?? '')).map((r) => Number(r.target_id)))];
    const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((x): x is number => x !== null))];
    const userIds = [...new Set([...ids('user'), ...actorIds])];
    const users = await repo.usersByIds(db, userIds);
    const unitIds = ids('unit');
    const units = await repo.unitsByIds(db, unitIds);
    const userById = new Map(users.map((u) => [u.id, u]));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const levels = new Map<string, number | null>();
    for (const r of rows) {
      const owner = r.target_type ? this.ctx.files.owners.get(r.target_type) : undefined;
      const key = `${r.target_type}#${r.target_id}`;
      if (!owner?.level || levels.has(key) || !/^\d+$/.test(r.target_id ?? '')) continue;
      levels.set(key, await owner.level(db, Number(r.target_id)).catch(() => null));
    }
    const titleOf = (type: string | null, id: string | null): string | null => {
      if (id === null || !/^\d+$/.test(id)) return null;
      if (type === 'user') {
        const u = userById.get(Number(id));
        return u ? `${u.name}（${u.username}）` : null;
      }
      if (type === 'unit') return unitById.get(Number(id))?.name ?? null;
      return null;
    };
    return {
      total,
      items: rows.map((r) => {
        const kept = this.ctx.audit.redact(parseJson(r.changes), parseJson(r.detail));
        return {
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorUsername: r.actor_id === null ? null : (userById.get(r.actor_id)?.username ?? null),
          ip: r.ip,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          targetTitle: titleOf(r.target_type, r.target_id),
          targetLevel: levels.get(`${r.target_type}#${r.target_id}`) ?? null,
          outcome: r.outcome,
          changedFields: kept.changes ? Object.keys(kept.changes) : [],
          changes: kept.changes,
          detail: kept.detail,
          algo: r.algo,
        };
      }),
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
      for (const m of this.ctx.modules) if (m.workbench) items.push(...(await m.workbench(this.ctx.db, actor, now)));
    }
    items.sort((a, b) => LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light] || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
    const counts = { green: 0, yellow: 0, red: 0, total: items.length };
    for (const i of items) if (i.light !== 'none') counts[i.light]++;
    return { items, counts };
  }

  /** 件件有着落: the office-wide board of the open items the actor may see, module by module (the 三员 are refused). */
  async looseEnds(actor: Actor, perModule: number) {
    return looseEndsBoard(this.ctx, actor, perModule);
  }

  /**
   * The messages of the actor's inbox it may read now: at or below its clearance, and, for an account
   * without a business role (an administrator, a new account or one whose roles a password reset
   * suspended), only the account notices (`org.*`) — business messages speak of business items.
   */
  private inbox(actor: Actor): repo.InboxOf {
    return { userId: actor.id, clearance: actor.clearance, accountOnly: !isBusinessUser(actor) };
  }

  /** The actor's inbox (see `inbox`). */
  async listNotifications(actor: Actor, q: { page: number; pageSize: number; unread: boolean }) {
    const unread = await repo.unreadCount(this.ctx.db, this.inbox(actor));
    const { total, rows } = await repo.inboxPage(this.ctx.db, this.inbox(actor), q);
    return {
      total,
      unread,
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
    };
  }

  /** Unread count for the bell. */
  async unreadCount(actor: Actor): Promise<number> {
    return repo.unreadCount(this.ctx.db, this.inbox(actor));
  }

  /** Marks one message (or all, with id null) read. */
  async markRead(actor: Actor, id: number | null): Promise<void> {
    const marked = await repo.markNotificationsRead(this.ctx.db, actor.id, id, iso(this.ctx.clock.now()));
    if (id !== null && marked !== 1 && !(await repo.ownsNotification(this.ctx.db, actor.id, id))) throw new NotFoundError();
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
    const a = await repo.findAttachment(this.ctx.db, id);
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

/** The circulations the actor sent or received, newest first, with read counts. */
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/module.js';
import { listCirculations as queryCirculations } from '../repo/library.circulation.js';
import { CIRCULATION_STATES } from '../library.workflow.js';
import { kindName } from './common.js';

/** A page of the 传阅 box (`sent` or `received`, optionally only unread). */
export async function listCirculations(ctx: AppContext, actor: Actor, q: { box: 'sent' | 'received'; unread?: boolean; page: number; pageSize: number }) {
  const { total, rows, recipients } = await queryCirculations(ctx.db, actor, q);
  return {
    total,
    items: rows.map((r) => {
      const rs = recipients.filter((x) => x.circulation_id === r.id);
      const mine = rs.find((x) => x.user_id === actor.id);
      return {
        id: r.id,
        itemId: r.item_id,
        itemTitle: r.title,
        kindName: kindName(r.kind),
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

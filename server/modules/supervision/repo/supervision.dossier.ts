/** 卷宗 queries for 保密档案: the closed items to choose from (the dossier itself reuses the item, task, report and extension reads). */
import type { Db } from '../../../db/client.js';

/** Closed (回访销号) items, newest closed first. */
export function closedItems(db: Db, limit: number) {
  return db
    .selectFrom('supervision_item')
    .select(['id', 'number', 'title', 'level', 'owner_unit_id', 'closed_at'])
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

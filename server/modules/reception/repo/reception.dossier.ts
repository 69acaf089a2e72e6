/** 卷宗 queries for 保密档案: closed plans, newest closed first (the dossier itself reuses the plan, item and change reads). */
import type { Db } from '../../../db/client.js';

/** Closed (办结) plans, newest closed first. */
export function closedPlans(db: Db, limit: number) {
  return db.selectFrom('reception_plan').selectAll().where('status', '=', 'closed').orderBy('closed_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

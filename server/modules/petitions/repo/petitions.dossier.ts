/** 卷宗 queries for 保密档案: closed cases, newest closed first. */
import type { Db } from '../../../db/client.js';

/** Closed (办结) cases, newest closed first. */
export function closedCases(db: Db, limit: number) {
  return db.selectFrom('petition_case').selectAll().where('status', '=', 'closed').orderBy('closed_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The library's rows for `ctx.search.rebuild`: items (with their scope) and visible forum topics, in batches. */
import type { Db, Trx } from '../../../db/client.js';
import type { SearchSource } from '../../../platform/search-index.js';
import * as repo from '../library.repo.js';

/** Library items and forum topics, in batches, for `ctx.search.rebuild`. */
export const librarySearchSource: SearchSource = async function* (db: Db | Trx) {
  let after = 0;
  for (;;) {
    const items = await db.selectFrom('library_item').selectAll().where('id', '>', after).orderBy('id').limit(500).execute();
    if (!items.length) break;
    const scopes = await db
      .selectFrom('library_scope')
      .selectAll()
      .where(
        'item_id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    yield items.map((i) => {
      const s = scopes.filter((x) => x.item_id === i.id);
      return repo.itemSearchDoc(i, {
        units: s.filter((x) => x.grantee_type === 'unit').map((x) => x.grantee_id),
        users: s.filter((x) => x.grantee_type === 'user').map((x) => x.grantee_id),
      });
    });
    after = items.at(-1)!.id;
  }
};

/** Forum topics for `ctx.search.rebuild`. */
export const forumSearchSource: SearchSource = async function* (db: Db | Trx) {
  const topics = await db.selectFrom('library_topic').select('id').where('status', '<>', 'hidden').orderBy('id').execute();
  for (let i = 0; i < topics.length; i += 200) {
    const docs = [];
    for (const t of topics.slice(i, i + 200)) {
      const d = await repo.topicSearchDoc(db, t.id);
      if (d) docs.push(d);
    }
    yield docs;
  }
};

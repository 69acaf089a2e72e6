/** The app's context on a bench dataset in this process, for the in-process timing scripts (`*-inproc.ts`). */
import { createContext } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { MODULES } from '../server/modules/index.js';
import { benchEnv } from './lib.js';

/** Opens the dataset in `dataDir` (`dbUrl`: sqlite or a PostgreSQL URL); `actorOf` loads a user as a request would. */
export async function openBenchContext(dataDir: string, dbUrl: string) {
  const config = loadConfig({ ...process.env, ...benchEnv(dataDir, dbUrl) });
  const database = openDatabase(config.db);
  const db = database.db;
  const ctx = await createContext({ config, database, modules: MODULES });
  const { IdentityService } = await import('../server/modules/identity/identity.service.js');
  const actorOf = async (username: string) => {
    const u = await db.selectFrom('user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return (await new IdentityService(ctx).loadActor(db, u.id, { ip: null, userAgent: null, locale: 'zh-CN' }))!;
  };
  return { database, db, ctx, actorOf };
}

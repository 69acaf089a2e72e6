/**
 * `node bench/ab-worktrees.mjs <rounds> <seconds> <connections> label=/path/to/worktree[:ENV=V,…] …`
 *
 * Simultaneous A/B of W1 (one task by id, as a liaison) across git worktrees on a shared machine: one server
 * per worktree (each on the SQLite dataset its `npm run bench -- --size 100k --db sqlite --prepare-only`
 * built), all loaded at the same time with the same connections, round after round, so that whatever else
 * the machine runs falls on every version alike (one after the other, the load of other work moved the
 * figures 10× between runs). Prints per version the req/s of each round, requests, and the server's CPU
 * time per request (/proc, the server and its app workers).
 *
 * `AB_WORKLOAD=W2` measures W2 instead (the 督办台账 page filtered by a random unit and status 'issued', 20 rows, as the
 * 督查室 user dcs_zhang), as `npm run bench -- --only W2` asks it. A version on PostgreSQL:
 * `label=/path/to/worktree:ZHONGSHU_DB=postgres://postgres@127.0.0.1:5432/<db>,ZHONGSHU_DATA_DIR=/some/dir`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const Database = require('better-sqlite3');
const pg = require('pg');
const [rounds, secs, conns, ...specs] = process.argv.slice(2);
const W2 = process.env.AB_WORKLOAD === 'W2';
const servers = [];
let port = 41000 + Math.floor(Math.random() * 1000);
function cpu(pid) {
  const t = (p) => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const kids = fs.readdirSync(`/proc/${pid}/task`).flatMap((x) => fs.readFileSync(`/proc/${pid}/task/${x}/children`, 'utf8').split(' ').filter(Boolean));
  return [pid, ...kids].reduce((a, p) => a + t(p), 0) / 100;
}
for (const spec of specs) {
  const label = spec.slice(0, spec.indexOf('='));
  const rest = spec.slice(spec.indexOf('=') + 1);
  const [wt, envs] = rest.includes(':') ? [rest.slice(0, rest.indexOf(':')), rest.slice(rest.indexOf(':') + 1)] : [rest, ''];
  const extra = Object.fromEntries((envs ? envs.split(',') : []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const dataDir = extra.ZHONGSHU_DATA_DIR ?? path.join(wt, 'bench/.data/100k-sqlite');
  const p = port++;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: wt,
    env: {
      ...process.env,
      PORT: String(p),
      HOST: '127.0.0.1',
      ZHONGSHU_DATA_DIR: dataDir,
      ZHONGSHU_DB: 'sqlite', // or a PostgreSQL URL given as ZHONGSHU_DB=postgres://… after the worktree (with ZHONGSHU_DATA_DIR)
      ZHONGSHU_AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789',
      ZHONGSHU_SCHEDULER_MS: '0',
      ZHONGSHU_LOG_LEVEL: 'warn',
      ZHONGSHU_LOGIN_RATE_PER_MIN: '100000',
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  servers.push({
    label,
    child,
    url: `http://127.0.0.1:${p}`,
    dataDir,
    pgUrl: extra.ZHONGSHU_DB?.startsWith('postgres') ? extra.ZHONGSHU_DB : null,
    req: 0,
    cpu: 0,
    rps: [],
    cpus: [],
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  for (const s of servers) {
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${s.url}/api/health`)).ok) break;
      } catch {}
      await sleep(200);
    }
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: W2 ? 'dcs_zhang' : 'fgw_xu', password: 'Zhongshu@2026' }),
    });
    s.cookie = res.headers.get('set-cookie').split(';')[0];
    const me = await (await fetch(`${s.url}/api/auth/me`, { headers: { cookie: s.cookie } })).json();
    const query = W2
      ? { sql: 'SELECT DISTINCT unit_id AS id FROM supervision_task WHERE id <= 200000 ORDER BY unit_id', params: [] }
      : { sql: 'SELECT id FROM supervision_task WHERE unit_id = $1 AND id <= 200000 ORDER BY id', params: [me.user.unitId] };
    if (s.pgUrl) {
      const c = new pg.Client({ connectionString: s.pgUrl });
      await c.connect();
      s.ids = (await c.query(query.sql, query.params)).rows.map((r) => r.id);
      await c.end();
    } else {
      const db = new Database(path.join(s.dataDir, 'zhongshu.db'), { readonly: true });
      s.ids = db
        .prepare(query.sql.replace('$1', '?'))
        .all(...query.params)
        .map((r) => r.id);
      db.close();
    }
  }
  await new Promise((r) => setTimeout(r, 3000)); // workers listen
  const run = (s, d) => {
    let k = 0;
    return new Promise((res, rej) =>
      autocannon(
        {
          url: s.url,
          connections: Number(conns),
          duration: d,
          headers: { cookie: s.cookie },
          requests: [
            {
              setupRequest: (r) => {
                const id = s.ids[(k = (k * 1103515245 + 12345) >>> 0) % s.ids.length];
                return { ...r, path: W2 ? `/api/supervision/items?unitId=${id}&status=issued&page=1&pageSize=20` : `/api/supervision/tasks/${id}` };
              },
            },
          ],
        },
        (e, r) => (e ? rej(e) : res(r)),
      ),
    );
  };
  await Promise.all(servers.map((s) => run(s, 2))); // warm-up
  for (let r = 0; r < Number(rounds); r++) {
    const c0 = servers.map((s) => cpu(s.child.pid));
    const out = await Promise.all(servers.map((s) => run(s, Number(secs))));
    servers.forEach((s, i) => {
      const c = cpu(s.child.pid) - c0[i];
      const n = out[i].requests.total;
      s.req += n;
      s.cpu += c;
      s.rps.push(Math.round(out[i].requests.average));
      s.p99 = (s.p99 ?? []).concat(out[i].latency.p99);
      if (out[i].non2xx || out[i].errors) console.error(s.label, 'non2xx', out[i].non2xx, 'errors', out[i].errors);
    });
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  for (const s of servers)
    console.log(
      JSON.stringify({
        label: s.label,
        rps_rounds: s.rps,
        p99_rounds: s.p99,
        requests: s.req,
        cpu_s: Math.round(s.cpu * 100) / 100,
        cpu_us_per_req: Math.round((s.cpu / s.req) * 1e6),
        load,
      }),
    );
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await sleep(1500);
}

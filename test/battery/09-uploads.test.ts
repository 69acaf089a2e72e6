/**
 * Battery part 9 — uploads. Over-size files (413, nothing written), disguised types (415),
 * path-traversal and NUL file names (refused or reduced to a plain name; nothing outside the store),
 * slow uploads cut off by the request timeout (408, nothing written, others served meanwhile), and
 * 20 parallel large uploads to a server process whose resident memory stays bounded (streamed to disk).
 * The owner item is a real module item the uploader may attach to (a 督查事项 of 督查室), or, on a
 * platform without it, a probe owner type.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { canSee } from '../../server/platform/authz.js';
import { startServer } from '../e2e/harness.js';
import { describeEachDialect, type TestEnv } from '../harness.js';
import { figures, installChangeCounter } from './battery-kit.js';

async function target(e: TestEnv): Promise<string> {
  try {
    const row = await (e.ctx.db as any)
      .selectFrom('supervision_item')
      .select('id')
      .where('owner_unit_id', '=', e.demo.unitByCode.supervision)
      .where('status', '!=', 'closed')
      .where('level', '<=', 1)
      .executeTakeFirst();
    if (row) return `/api/files?ownerType=supervision_item&ownerId=${row.id}`;
  } catch {
    // the supervision module is not installed
  }
  e.ctx.files.owners.set('battery_probe', {
    canRead: async (_db, a) => canSee(a, { level: 0, unitIds: [e.demo.unitByCode.supervision!] }),
    canAttach: async () => true,
  });
  return '/api/files?ownerType=battery_probe&ownerId=1';
}

function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

/** How many contents the blob store holds (SQLite: the data directory's files; PostgreSQL: `file_content` rows). */
async function storedBlobs(e: TestEnv): Promise<number> {
  if (e.dialect === 'sqlite') return filesIn(path.join(e.config.dataDir, 'files')).length;
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM file_content`.execute(e.ctx.db)).rows[0]!.n);
}

/** Rows of the PostgreSQL blob store (`file_content` + `file_chunk`): a stored content's own rows, not attachment rows. */
async function blobRows(e: TestEnv): Promise<number> {
  if (e.dialect === 'sqlite') return 0;
  const n = async (t: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(e.ctx.db)).rows[0]!.n);
  return (await n('file_content')) + (await n('file_chunk'));
}

const PDF = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(n, 0x20), Buffer.from('\n%%EOF\n')]);

/** The request timeout the slow-upload test configures (production default: 120 s). */
const SLOW_LIMIT_MS = 2000;

/**
 * A raw HTTP client: sends `opening`, then lets `drip` write to the socket on its own schedule;
 * resolves with the status line's code (0 if none came) and the time until the server closed it or answered.
 */
function slowClient(port: number, opening: string, drip: (s: net.Socket) => NodeJS.Timeout | null): Promise<{ status: number; ms: number; answer: string }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(port, '127.0.0.1');
    let answer = '';
    let timer: NodeJS.Timeout | null = null;
    const done = () => {
      if (timer) clearInterval(timer);
      timer = null;
      s.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), ms: Date.now() - t0, answer });
    };
    s.on('connect', () => {
      if (opening) s.write(opening);
      timer = drip(s);
    });
    s.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (/\r\n\r\n/.test(answer) && /content-length: (\d+)/i.test(answer)) {
        const len = Number(/content-length: (\d+)/i.exec(answer)![1]);
        if (Buffer.byteLength(answer.split('\r\n\r\n').slice(1).join('\r\n\r\n'), 'latin1') >= len) done();
      }
    });
    s.on('error', () => undefined);
    s.on('close', done);
    setTimeout(done, 30_000); // never cut off: the figures show it and the bound fails
  });
}

describeEachDialect(
  'battery 9: uploads',
  (env) => {
    it('refuses over-size (413), disguised types (415) and bad names (400) and writes nothing', async () => {
      const e = env();
      const url = await target(e);
      const c = await e.login('dcs_zhang');
      const counter = await installChangeCounter(e.database);
      const before = await storedBlobs(e);
      const cases: [string, Buffer, number][] = [
        ['过大.pdf', PDF(1024 * 1024 + 10), 413],
        ['伪装.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415],
        ['伪装.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 415],
        ['程序.txt', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]), 415],
        ['文档.docx', PDF(100), 415],
        ['页面.html', Buffer.from('<p>x</p>'), 415],
        ['脚本.js', Buffer.from('alert(1)'), 415],
        ['a\u0000b.pdf', PDF(10), 400],
        ['..', PDF(10), 400],
        ['.htaccess', Buffer.from('x'), 400],
        ['x'.repeat(300) + '.pdf', PDF(10), 400],
      ];
      const wrong: string[] = [];
      for (const [name, content, expected] of cases) {
        const before2 = await counter.read();
        const res = await c.upload(url, name, content);
        if (res.status !== expected) wrong.push(`${name.slice(0, 40)} → ${res.status} ${res.body.slice(0, 100)} (expected ${expected})`);
        if ((await counter.read()) !== before2) wrong.push(`${name.slice(0, 40)}: rows changed`);
      }
      // traversal: the name is refused or reduced to its last segment; the content lands only in the store
      for (const name of ['../../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/cron.d/x.pdf']) {
        const res = await c.upload(url, name, PDF(20 + name.length));
        if (res.status === 201) {
          if (/[\\/]|\.\./.test(res.json.filename)) wrong.push(`${name} stored as ${res.json.filename}`);
        } else if (res.status !== 400) wrong.push(`${name} → ${res.status}`);
      }
      expect(fs.existsSync('/etc/cron.d/x.pdf')).toBe(false);
      const after = await storedBlobs(e);
      const tmpLeft = filesIn(path.join(e.config.dataDir, 'tmp')).length;
      figures(`9 uploads [${e.dialect}]`, { refusedCases: cases.length, wrong: wrong.length, storedByTraversalNames: after - before, tmpFilesLeft: tmpLeft });
      expect(wrong).toEqual([]);
      expect(after - before).toBeLessThanOrEqual(3);
      expect(tmpLeft).toBe(0);
    });

    it('slow uploads (trickling, stalled, slow headers) are cut off within the request timeout; nothing written; others served meanwhile', async () => {
      const e = env();
      const url = await target(e);
      await e.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (e.app.server.address() as net.AddressInfo).port;
      const c = await e.login('dcs_zhang');
      const counter = await installChangeCounter(e.database);
      const before = await counter.read();
      const storeBefore = await storedBlobs(e);
      const blobRowsBefore = await blobRows(e);
      const marker = `SLOW-${crypto.randomBytes(6).toString('hex')}`;
      const auth = `Cookie: ${c.cookie}\r\nX-CSRF-Token: ${c.csrf}\r\n`;
      const boundary = 'zsslow' + crypto.randomBytes(4).toString('hex');
      const part = (name: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`;
      const request = (name: string, length: number) =>
        `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n${part(name)}`;
      // trickle: 10 bytes every 300 ms of a declared 1 MB body; stall: 64 KB then silence; slowloris: headers a few bytes at a time
      const attackers = {
        trickle: slowClient(port, request(`${marker}-trickle.txt`, 1_000_000), (s) => setInterval(() => s.write(`${marker} `.slice(0, 10)), 300)),
        stall: slowClient(port, request(`${marker}-stall.txt`, 1_000_000) + `${marker} `.repeat(4000), () => null),
        headers: slowClient(port, '', (s) => {
          const text = `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}X-Padding: ${'a'.repeat(400)}\r\n`;
          let i = 0;
          return setInterval(() => s.write(text.slice(i, (i += 3))), 200);
        }),
      };
      // meanwhile: health probes, a normal upload, and an honest upload sent in pieces over ~1 s (well inside the limit)
      const latencies: number[] = [];
      let probing = true;
      const probes = (async () => {
        while (probing) {
          const t = Date.now();
          const r = await fetch(`http://127.0.0.1:${port}/api/health`);
          expect(r.status).toBe(200);
          latencies.push(Date.now() - t);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await new Promise((r) => setTimeout(r, 300));
      const form = new FormData();
      form.append('file', new Blob([`普通附件 ${crypto.randomUUID()}`]), '普通.txt');
      const normal = await fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf! }, body: form });
      const honestBody = `分段发送的正常附件 ${crypto.randomUUID()}\n`.repeat(200);
      const honest = await slowClient(
        port,
        request('分段.txt', Buffer.byteLength(part('分段.txt')) + Buffer.byteLength(honestBody) + boundary.length + 8),
        (s) => {
          let i = 0;
          const pieces = [...Array(5)].map((_, k) => honestBody.slice((k * honestBody.length) / 5, ((k + 1) * honestBody.length) / 5));
          return setInterval(() => {
            if (i < pieces.length) s.write(pieces[i++]!);
            else if (i++ === pieces.length) s.write(`\r\n--${boundary}--\r\n`);
          }, 200);
        },
      );
      const cut = await Promise.all(Object.values(attackers));
      probing = false;
      await probes;
      // the handler of a cut request removes its temp file when the stream errors
      await new Promise((r) => setTimeout(r, 500));
      const marked = filesIn(e.config.dataDir).filter((f) => fs.readFileSync(f).includes(marker));
      const tmpLeft = filesIn(path.join(e.config.dataDir, 'tmp')).length;
      const changed = (await counter.read()) - before;
      const stored = (await storedBlobs(e)) - storeBefore;
      const blobRowsAdded = (await blobRows(e)) - blobRowsBefore;
      figures(`9 slow uploads [${e.dialect}]`, {
        limitMs: SLOW_LIMIT_MS,
        trickleCutMs: cut[0]!.ms,
        stallCutMs: cut[1]!.ms,
        slowHeadersCutMs: cut[2]!.ms,
        statuses: cut.map((x) => x.status).join('/'),
        honestSlowUpload: honest.status,
        honestMs: honest.ms,
        normalUpload: normal.status,
        probes: latencies.length,
        probeMaxMs: Math.max(...latencies),
        rowsChanged: changed,
        filesStored: stored,
        markedFiles: marked.length,
        tmpFilesLeft: tmpLeft,
      });
      for (const x of cut) {
        expect(x.status === 408 || x.status === 0).toBe(true); // 408, or the socket closed before an answer could be read
        // the answer is ours: a stable code and a Chinese message
        if (x.status === 408) expect(x.answer).toContain('"error":"request_timeout"');
        if (x.status === 408) expect(Buffer.from(x.answer, 'latin1').toString('utf8')).toContain('请求超时');
        expect(x.ms).toBeGreaterThanOrEqual(SLOW_LIMIT_MS - 100);
        expect(x.ms).toBeLessThan(SLOW_LIMIT_MS + 6000);
      }
      expect(normal.status).toBe(201);
      expect(honest.status).toBe(201);
      expect(latencies.length).toBeGreaterThan(5);
      // the two attachment rows of the normal and the honest upload, nothing of the cut ones; on PostgreSQL
      // each small content adds its own store rows too (one file_content row and one 1 MB file_chunk row)
      expect(blobRowsAdded).toBe(e.dialect === 'postgres' ? 4 : 0);
      expect(changed - blobRowsAdded).toBe(2);
      expect(stored).toBe(2);
      expect(marked).toEqual([]);
      expect(tmpLeft).toBe(0);
    }, 60_000);
  },
  { env: { ZHONGSHU_MAX_UPLOAD_MB: '1', ZHONGSHU_REQUEST_TIMEOUT_MS: String(SLOW_LIMIT_MS) } },
);

/** VmRSS / VmHWM of a process in bytes (from /proc). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/**
 * Streams a multipart upload of `bytes` of plain text (unique first line) without holding it in
 * memory; resolves with the answer and the content's hash.
 */
function streamUpload(
  base: string,
  url: string,
  auth: { cookie: string; csrf: string },
  name: string,
  bytes: number,
): Promise<{ status: number; body: string; sha256: string }> {
  const boundary = 'zsbig' + crypto.randomBytes(6).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const first = Buffer.from(`并行大附件 ${name} ${crypto.randomUUID()}\n`);
  const block = Buffer.from('督查督办并行上传内存上限测试 0123456789 abcdefghij\n'.repeat(1200)).subarray(0, 64 * 1024);
  const hash = crypto.createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, {
      method: 'POST',
      agent: false,
      headers: {
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + bytes + tail.length,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sha256: hash.digest('hex') }));
    });
    req.on('error', reject);
    void (async () => {
      req.write(head);
      let sent = 0;
      while (sent < bytes) {
        const chunk = sent === 0 ? first : block.subarray(0, Math.min(block.length, bytes - sent));
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end(tail);
    })();
  });
}

it('20 parallel uploads near the size limit to a server process: all stored whole, server memory stays bounded (streamed to disk)', async () => {
  const clients = 20;
  const limitMb = 32;
  const fileBytes = (limitMb - 1) * 1024 * 1024;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-b9big-'));
  // a generous request timeout: 620 MB through one loaded 2-core machine
  const server = await startServer({
    ZHONGSHU_DATA_DIR: dir,
    ZHONGSHU_MAX_UPLOAD_MB: String(limitMb),
    ZHONGSHU_SCHEDULER_MS: '0',
    ZHONGSHU_REQUEST_TIMEOUT_MS: '600000',
  });
  const pid = server.process.pid!;
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dcs_zhang', password: 'Zhongshu@2026' }),
    });
    const auth = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
    const ledger = (await (await fetch(`${server.url}/api/supervision/items?pageSize=200`, { headers: { cookie: auth.cookie } })).json()) as {
      items: { id: number; status: string; level: number }[];
    };
    const owner = ledger.items.find((i) => i.status !== 'closed' && i.level <= 1)!.id;
    const url = `/api/files?ownerType=supervision_item&ownerId=${owner}`;
    // warm-up: one small upload so the code paths are loaded before the baseline
    const warm = await streamUpload(server.url, url, auth, '预热.txt', 256 * 1024);
    expect(warm.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    const baseline = memoryOf(pid).rss;
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS (root or own process)
    let peakSampled = baseline;
    const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, memoryOf(pid).rss)), 20);
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: clients }, (_, i) => streamUpload(server.url, url, auth, `并行-${i}.txt`, fileBytes)));
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const peak = Math.max(peakSampled, memoryOf(pid).hwm);
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    const whole = ok.filter((r) => {
      const info = JSON.parse(r.body) as { sha256: string; size: number };
      const stored = path.join(dir, 'files', info.sha256.slice(0, 2), info.sha256.slice(2, 4), info.sha256);
      return info.sha256 === r.sha256 && info.size === fileBytes && fs.statSync(stored).size === fileBytes;
    });
    const totalBytes = clients * fileBytes;
    // Buffering whole files would need ≥ the bytes in flight (20 × 31 MB = 620 MB). Streaming needs a few
    // 64 KB buffers per upload plus what V8 has not yet collected: allow 1/4 of the bytes in flight.
    const bound = totalBytes / 4;
    figures('9 parallel large uploads [sqlite, server process]', {
      clients,
      fileMb: fileBytes / 1048576,
      totalMb: totalBytes / 1048576,
      stored: ok.length,
      whole: whole.length,
      refused: refused.map((r) => r.status).join(',') || 0,
      seconds,
      mbPerSecond: totalBytes / 1048576 / seconds,
      baselineRssMb: baseline / 1048576,
      peakRssMb: peak / 1048576,
      growthMb: (peak - baseline) / 1048576,
      boundMb: bound / 1048576,
      tmpFilesLeft: filesIn(path.join(dir, 'tmp')).length,
    });
    // every upload stored whole or refused cleanly (a status, never a 5xx)
    expect(refused.filter((r) => r.status >= 500)).toEqual([]);
    expect(whole.length).toBe(ok.length);
    expect(ok.length).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(bound);
    expect(filesIn(path.join(dir, 'tmp')).length).toBe(0);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

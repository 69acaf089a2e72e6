/**
 * Battery part 9 — uploads. Over-size files (413, nothing written), disguised types (415),
 * path-traversal and NUL file names (refused or reduced to a plain name; nothing outside the store).
 * The owner item is a real module item the uploader may attach to (a 督查事项 of 督查室), or, on a
 * platform without it, a probe owner type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { canSee } from '../../server/platform/authz.js';
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

const PDF = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(n, 0x20), Buffer.from('\n%%EOF\n')]);

describeEachDialect(
  'battery 9: uploads',
  (env) => {
    it('refuses over-size (413), disguised types (415) and bad names (400) and writes nothing', async () => {
      const e = env();
      const url = await target(e);
      const c = await e.login('dcs_zhang');
      const counter = await installChangeCounter(e.database);
      const before = filesIn(path.join(e.config.dataDir, 'files')).length;
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
      const after = filesIn(path.join(e.config.dataDir, 'files')).length;
      const tmpLeft = filesIn(path.join(e.config.dataDir, 'tmp')).length;
      figures(`9 uploads [${e.dialect}]`, { refusedCases: cases.length, wrong: wrong.length, storedByTraversalNames: after - before, tmpFilesLeft: tmpLeft });
      expect(wrong).toEqual([]);
      expect(after - before).toBeLessThanOrEqual(3);
      expect(tmpLeft).toBe(0);
    });
  },
  { env: { ZHONGSHU_MAX_UPLOAD_MB: '1' } },
);

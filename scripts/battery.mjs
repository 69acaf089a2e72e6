// The reliability and security battery (test/battery/) with its figures collected at the end.
//   node scripts/battery.mjs            the sizes: parts 2, 4, 5, 7 at their CI sizes (what
//                                       npm test runs: 1,000 fuzz cases per endpoint, 16×500 edits,
//                                       100,000 audit entries × 1,000 tamperings…), the other parts at
//                                       their full sizes (ZHONGSHU_BATTERY_FULL=1: 50 kill -9 cycles…)
//   node scripts/battery.mjs --long     long variants (ZHONGSHU_BATTERY_LONG=1: 10,000 fuzz cases per endpoint…)
//   node scripts/battery.mjs --quick    developers' quick sizes (ZHONGSHU_BATTERY_QUICK=1: minutes, not the issue's sizes)
//   extra arguments select parts, e.g. node scripts/battery.mjs 05 07
// Each part prints one "[battery] …" line per dialect; they are collected at the end.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env };
delete env.ZHONGSHU_BATTERY_QUICK;
delete env.ZHONGSHU_BATTERY_FULL;
delete env.ZHONGSHU_BATTERY_LONG;
if (args.includes('--long')) env.ZHONGSHU_BATTERY_LONG = '1';
else if (args.includes('--quick')) env.ZHONGSHU_BATTERY_QUICK = '1';
else env.ZHONGSHU_BATTERY_FULL = '1';
const parts = args.filter((a) => !a.startsWith('--'));
const files = parts.length ? parts.map((p) => `test/battery/${p}`) : ['test/battery'];
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const lines = `${r.stdout}`
  .split('\n')
  .filter((l) => l.includes('[battery]'))
  .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim());
console.log('\n=== battery figures ===');
for (const l of lines) console.log(l);
process.exit(r.status ?? 1);

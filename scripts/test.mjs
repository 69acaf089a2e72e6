// npm test: the integration suite on SQLite and PostgreSQL (PostgreSQL when it answers; it says
// plainly when it skipped it), then the web build and the end-to-end stories in Chromium.
// Set ZHONGSHU_TEST_SKIP_E2E=1 to run only the integration suite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${label} FAILED (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const node = process.execPath;
// The battery (test/battery/) runs parts 2, 4, 5 and 7 at the CI sizes; `npm test -- --quick`
// runs them at the developers' quick sizes instead (ZHONGSHU_BATTERY_QUICK=1), never by default.
const battery = process.argv.includes('--quick') ? { ZHONGSHU_BATTERY_QUICK: '1' } : { ZHONGSHU_BATTERY_QUICK: '' };
console.log(`battery sizes: ${battery.ZHONGSHU_BATTERY_QUICK ? 'quick (--quick)' : "CI (the issue's sizes for parts 2, 4, 5, 7)"}`);
// The 公文 PDF conformance test needs the Fandol fonts as TrueType (`npm run fonts`; kept once converted).
const fandolTtf = process.env.ZHONGSHU_FANDOL_TTF_DIR ?? '/usr/local/share/zhongshu/fonts';
const fandolReady = ['Fang', 'Song', 'Hei', 'Kai'].every((f) => existsSync(`${fandolTtf}/Fandol${f}-Regular.ttf`));
if (!fandolReady && existsSync('/usr/bin/python3')) run('Fandol fonts as TrueType (npm run fonts, once)', '/usr/bin/python3', ['scripts/fandol-ttf.py']);
run('integration suite (TZ=Asia/Shanghai)', node, ['node_modules/vitest/vitest.mjs', 'run'], { TZ: 'Asia/Shanghai', ...battery });
if (process.env.ZHONGSHU_TEST_SKIP_TZ_UTC !== '1')
  run('deadline and clock tests (TZ=UTC)', node, ['node_modules/vitest/vitest.mjs', 'run', 'server/platform'], { TZ: 'UTC' });
if (process.env.ZHONGSHU_TEST_SKIP_E2E !== '1') {
  run('web build', node, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  run('end-to-end (Chromium)', node, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/e2e/vitest.config.ts']);
}
console.log('\nAll test stages passed.');

// Writes test/durations.json (each integration test file's seconds) from a vitest JSON report, so that the
// suite can start its longest files first on a clean clone (vitest.config.ts). Refresh it after adding a
// long test:  npx vitest run --reporter=json --outputFile=/tmp/run.json && node scripts/test-durations.mjs /tmp/run.json
import fs from 'node:fs';
import path from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('usage: node scripts/test-durations.mjs <vitest-json-report>');
  process.exit(2);
}
const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
const seconds = Object.fromEntries(
  testResults
    .map((r) => [path.relative(process.cwd(), r.name), Math.round((r.endTime - r.startTime) / 100) / 10])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
);
fs.writeFileSync('test/durations.json', `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`test/durations.json: ${Object.keys(seconds).length} files, ${Math.round(Object.values(seconds).reduce((a, b) => a + b, 0))} s in all`);

import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Seconds each file took on a full run (scripts/test-durations.mjs writes it); a file not listed counts as 20 s. */
const durations: Record<string, number> = JSON.parse(fs.readFileSync('test/durations.json', 'utf8')) as Record<string, number>;

/**
 * Longest file first. Without a results cache (a clean clone, as CI runs) vitest starts the largest files
 * first, which put the 15-minute fuzzing battery behind 28 others and made the run's tail a single worker's;
 * from the recorded durations the two workers end close together.
 */
class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (f: TestSpecification) => durations[path.relative(process.cwd(), f.moduleId)] ?? 20;
    return Promise.resolve([...files].sort((a, b) => seconds(b) - seconds(a)));
  }
}

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // one process per worker for all its files: the server's modules load once per worker, not once per file
    // (about 1.5 s a file on the 2-core machine); every file builds its own environments and closes them
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // every answer serialized by fast-json-stringify and by zod too, a difference thrown (server/platform/serializer.ts)
    env: { TZ: process.env.TZ ?? 'Asia/Shanghai', ZHONGSHU_SERIALIZER_CHECK: '1' },
  },
});

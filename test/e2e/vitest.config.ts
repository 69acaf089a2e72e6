import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // two story files at a time (each starts its own server, data directory and browser): the browser and the
    // server wait on each other, so one file alone left a core idle a third of the time
    maxWorkers: 2,
    // the servers it starts serialize every answer both ways and throw on a difference (server/platform/serializer.ts)
    env: { ZHONGSHU_SERIALIZER_CHECK: '1' },
  },
});

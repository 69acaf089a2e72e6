import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // the servers it starts serialize every answer both ways and throw on a difference (server/platform/serializer.ts)
    env: { ZHONGSHU_SERIALIZER_CHECK: '1' },
  },
});

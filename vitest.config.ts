import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The calendar cross-check needs Asia/Shanghai for chinese-days; the engine itself never reads TZ.
    env: { TZ: 'Asia/Shanghai' },
    // Two cores: two test files at a time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['packages/domain/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts'],
          exclude: ['packages/domain/**', 'services/console/**'],
          // Real Postgres and Redis: one database and queue prefix per run, made here.
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The console in Chromium: run after the others, so its browser and the tests that time
          // processes of their own do not share the two cores.
          name: 'browser',
          include: ['services/console/test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

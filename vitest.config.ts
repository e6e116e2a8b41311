import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
    ],
    // The calendar cross-check needs Asia/Shanghai for chinese-days; the engine itself never reads TZ.
    env: { TZ: 'Asia/Shanghai' },
  },
});

import { defineConfig } from 'vitest/config';

const shared = {
  setupFiles: ['test/setup.ts'],
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', TZ: 'UTC' },
  testTimeout: 20_000,
  allowOnly: false,
};

export default defineConfig({
  test: {
    // Both cores (vitest's default leaves one idle on a 2-core machine).
    maxWorkers: 2,
    projects: [
      {
        // One module cache per worker rather than per file: the SDK clients and the sample estate load once, not 79
        // times. test/setup.ts restores mocked clients after each file; each file undoes its own stubs and spies.
        test: {
          ...shared,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['test/functions/**'],
          isolate: false,
        },
      },
      {
        // The handler tests replace whole modules (vi.mock of the jobs): they keep a module cache of their own.
        test: { ...shared, name: 'handlers', include: ['test/functions/**/*.test.ts'], isolate: true },
      },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by name, as users do, and run against the sources.
    alias: [
      { find: /^modelstudio-video$/, replacement: src('index.ts') },
      { find: /^modelstudio-video\/testing$/, replacement: src('testing/index.ts') },
      { find: /^modelstudio-video\/testing\/msw$/, replacement: src('testing/msw.ts') },
      { find: /^modelstudio-video\/tools$/, replacement: src('tools/index.ts') },
      { find: /^modelstudio-video\/mcp$/, replacement: src('mcp/index.ts') },
      { find: /^modelstudio-video\/ai-sdk$/, replacement: src('ai-sdk/index.ts') },
      { find: /^modelstudio-video\/openclaw$/, replacement: src('openclaw/index.ts') },
      { find: /^modelstudio-video\/redis$/, replacement: src('redis/index.ts') },
      { find: /^modelstudio-video\/batch$/, replacement: src('batch-file/index.ts') },
      { find: /^modelstudio-video\/events$/, replacement: src('events/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
    // A real redis-server for the Redis-backed features: the one of REDIS_URL, else one started here.
    globalSetup: ['test/helpers/redis-server.ts'],
  },
});

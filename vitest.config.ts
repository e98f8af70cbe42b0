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
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
  },
});

import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    'testing-msw': 'src/testing/msw.ts',
    tools: 'src/tools/index.ts',
    mcp: 'src/mcp/index.ts',
    'ai-sdk': 'src/ai-sdk/index.ts',
    openclaw: 'src/openclaw/index.ts',
    redis: 'src/redis/index.ts',
    batch: 'src/batch-file/index.ts',
    events: 'src/events/index.ts',
  },
  dts: true,
  // No source maps in the package: they doubled its size (3 MB unpacked) for little use in a library this small.
  sourcemap: false,
  target: 'node22',
  platform: 'neutral',
  // Keep `node:` on built-in imports: Deno and edge bundlers resolve only the prefixed names.
  removeNodeProtocol: false,
  // The frameworks are optional peer dependencies: loaded by their entry only, never bundled.
  external: ['msw', /^@modelcontextprotocol\//, 'ai', /^@ai-sdk\//, /^openclaw(\/|$)/, 'ioredis', /^node:/],
};

export default defineConfig([
  { ...shared, format: 'esm', clean: true },
  // ky ships ESM only, and bundlers' CJS interop wraps Node's require(esm) namespace wrongly
  // (`ky.default.create is not a function`), so the CJS build carries its own copy of ky.
  { ...shared, format: 'cjs', noExternal: ['ky'] },
  // The command: one ESM file with its shebang.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: 'esm',
    target: 'node22',
    platform: 'node',
    removeNodeProtocol: false,
    external: [/^@modelcontextprotocol\//],
    banner: { js: '#!/usr/bin/env node' },
  },
]);

import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    'testing-msw': 'src/testing/msw.ts',
    tools: 'src/tools/index.ts',
  },
  dts: true,
  sourcemap: true,
  target: 'node22',
  platform: 'neutral',
  external: ['msw', 'node:http', 'node:net', 'node:stream'],
};

export default defineConfig([
  { ...shared, format: 'esm', clean: true },
  // ky ships ESM only, and bundlers' CJS interop wraps Node's require(esm) namespace wrongly
  // (`ky.default.create is not a function`), so the CJS build carries its own copy of ky.
  { ...shared, format: 'cjs', noExternal: ['ky'] },
]);

// Builds what the package ships (see package.json "files" and "exports"):
//  - dist/cli.cjs: the CLI as one minified CommonJS bundle (start-up time is
//    part of every `qapi-ts lint` in CI);
//  - dist/api.cjs: the programmatic API, bundled the same way;
//  - dist/runtime/*.js: the runtime generated code imports (`qapi-ts/runtime`),
//    one ES module per source file so bundlers can tree-shake it.
// Type declarations (dist/types) come from `npm run build:types`.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

// Clean what this script writes (dist/types belongs to `npm run build:types`).
rmSync('dist/runtime', { recursive: true, force: true });
for (const f of ['cli.cjs', 'cli.cjs.map', 'api.cjs', 'api.cjs.map', 'cli.js', 'cli.js.map']) rmSync(`dist/${f}`, { force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: !process.env.QAPI_TS_NO_MINIFY,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.txt': 'text' },
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'compiler/cli/main.ts', api: 'compiler/api.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, format: 'cjs' }),
  build({
    entryPoints: readdirSync('runtime').filter((f) => f.endsWith('.ts')).map((f) => `runtime/${f}`),
    outdir: 'dist/runtime',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  }),
]);

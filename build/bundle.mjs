// Bundles the CLI into one CommonJS file, minified with a source map: start-up
// time is part of every `qapi-ts lint` in CI (see README, "Performance").
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'compiler/cli/main.ts', api: 'compiler/api.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: process.env.QAPI_TS_NO_MINIFY ? false : true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.txt': 'text' },
});

#!/usr/bin/env node
'use strict';
// The CLI ships as one CommonJS bundle (dist/cli.cjs): loading chevrotain as
// hundreds of small ES modules costs ~0.3 s at start-up, the bundle ~0.02 s.
// A run lasts a fraction of a second, too short for V8's optimizing compiler
// to pay for itself on a 2-core machine (it costs ~10% of a lint and ~15% of a
// generate), so it is off unless the process is meant to live (--watch).
if (!process.argv.includes('--watch')) require('node:v8').setFlagsFromString('--no-opt');
loadBundle(require('node:path').join(__dirname, '../dist/cli.cjs')).main();

/**
 * Requires the bundle through V8's code cache (what Node 22's
 * module.enableCompileCache does): compiling half a megabyte of JavaScript
 * costs about as much as checking a schema. The cache lives in the user's
 * own cache directory (never a shared /tmp, where another user could plant
 * one), is keyed by the bundle's path, size and mtime and by the command
 * (each command's cache holds the functions its runs compiled), and any
 * problem with it falls back to a plain require. QAPI_TS_NO_CODE_CACHE=1
 * turns it off.
 */
function loadBundle(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  if (process.env.QAPI_TS_NO_CODE_CACHE) return require(file);
  let cacheFile;
  let cached;
  let source;
  try {
    const st = fs.statSync(file);
    const base = process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache');
    const key = require('node:crypto').createHash('sha256').update(`${file}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${command()}`).digest('hex').slice(0, 32);
    cacheFile = path.join(base, 'qapi-ts', `${key}.v8`);
    source = fs.readFileSync(file, 'utf8');
    try { cached = fs.readFileSync(cacheFile); } catch { /* first run */ }
  } catch {
    return require(file);
  }
  const Module = require('node:module');
  const vm = require('node:vm');
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
  mod.loaded = true;
  if (!cached || script.cachedDataRejected) {
    // After the run, so the functions it compiled lazily are in the cache too.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
      } catch { /* a read-only home: run without a cache */ }
    });
  }
  return mod.exports;
}

/** The subcommand (`lint`, `generate`, ...), or '' for none. */
function command() {
  const c = process.argv[2];
  return c && /^[a-z]+$/.test(c) ? c : '';
}

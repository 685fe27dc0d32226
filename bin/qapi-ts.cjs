#!/usr/bin/env node
'use strict';
// The CLI ships as one CommonJS bundle (dist/cli.cjs): loading chevrotain as
// hundreds of small ES modules costs ~0.3 s at start-up, the bundle ~0.02 s.
// A run lasts a fraction of a second, too short for V8's optimizing compiler
// to pay for itself on a 2-core machine (it costs ~10% of a lint and ~15% of a
// generate), so it is off unless the process is meant to live (--watch).
if (!process.argv.includes('--watch')) require('node:v8').setFlagsFromString('--no-opt');
require('../dist/cli.cjs').main();

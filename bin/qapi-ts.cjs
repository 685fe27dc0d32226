#!/usr/bin/env node
'use strict';
// The CLI ships as one CommonJS bundle (dist/cli.cjs): loading chevrotain as
// hundreds of small ES modules costs ~0.3 s at start-up, the bundle ~0.02 s,
// and CommonJS loads a little faster than the ES module loader.
require('../dist/cli.cjs').main();

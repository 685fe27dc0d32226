#!/usr/bin/env node
// The CLI ships as one esbuild bundle (dist/cli.js) so it starts fast.
import { main } from '../dist/cli.js';

main();

#!/usr/bin/env node
// Shim for the `tscoro` command: the CLI itself is cli/tscoro.ts, compiled into dist/ by `npm run build`.
'use strict';
const code = require('../dist/cli/tscoro.js').main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;

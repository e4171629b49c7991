#!/usr/bin/env node
'use strict';
// Entry point for `npx embedops` / `npm exec embedops` in a checkout, and for installs.
const { join } = require('node:path');
const { existsSync } = require('node:fs');

const entry = join(__dirname, '..', 'dist', 'electron', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('error: embedops is not built yet. Run `npm install` (or `npm run build`) in ' + join(__dirname, '..') + ' first.\n');
  process.exit(4);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

#!/usr/bin/env node
// The README's first command: the whole procedure on the bundled sample corpus with the built-in
// model, through the real CLI, printing each command so it doubles as a tour. Safe to re-run: the
// second time nothing is re-imported or re-embedded, and verify still passes.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const db = process.env.EMBEDOPS_DB || join(root, 'demo', 'embedops-demo.sqlite');
mkdirSync(join(db, '..'), { recursive: true });
const env = { ...process.env, EMBEDOPS_DB: db };
const cli = join(root, 'bin', 'embedops.js');
const corpus = relative(process.cwd(), join(root, 'resources', 'sample-corpus')) || '.';
const queries = readFileSync(join(root, 'resources', 'sample-queries.txt'), 'utf8').split('\n').map((q) => q.trim()).filter(Boolean);

function run(args, { allow = [0] } = {}) {
  process.stdout.write(`\n$ embedops ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { env, stdio: 'inherit' });
  if (!allow.includes(r.status)) {
    process.stderr.write(`\nThe demo stopped: that command exited with ${r.status}.\n`);
    process.exit(r.status || 1);
  }
  return r.status;
}

if (!existsSync(join(root, 'dist', 'electron', 'cli', 'main.js'))) {
  process.stderr.write('Not built yet: run `npm install` first.\n');
  process.exit(4);
}
console.log(`EmbedOps demo — database: ${db}`);
const list = spawnSync(process.execPath, [cli, 'collections', 'show', 'sample', '--json'], { env, encoding: 'utf8' });
if (list.status !== 0) run(['collections', 'create', 'sample', '--model', 'embedops-static-100d', '--chunk-size', '120', '--chunk-overlap', '20']);
else console.log('\n(collection "sample" exists already: re-running is idempotent)');
run(['import', 'sample', corpus]);
run(['plan', 'sample', '--mode', 'missing']);
run(['backfill', 'sample', '--mode', 'missing']);
run(['verify', 'sample']);
run(['spotcheck', 'sample', ...queries.slice(0, 3), '-k', '3']);
console.log(`\nDone. Explore further with:\n  npx embedops --db ${relative(process.cwd(), db)} status\n  npx embedops --db ${relative(process.cwd(), db)} history`);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Rules of the shape (DESIGN.md), checked on the sources so a violation fails CI, not a review.
const SRC = join(__dirname, '..', '..', 'electron');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = sources(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

test('the engine never imports electron (only the shell files may)', () => {
  const shell = new Set(['main.ts', 'preload.ts', 'shell/']);
  const offenders = files.filter((f) => ![...shell].some((s) => f.path.startsWith(s)) && importsOf(f.text).some((i) => i === 'electron' || i.startsWith('electron/')));
  assert.deepEqual(offenders.map((f) => f.path), []);
});

test('transformers.js is reached through one module, and only from the embedding worker', () => {
  const direct = files.filter((f) => importsOf(f.text).includes('@huggingface/transformers')).map((f) => f.path);
  assert.deepEqual(direct, ['embedding/transformers.ts']);
  // onnxruntime-node is not context-aware: loading it on the main thread as well as in the worker crashes Node.
  const users = files.filter((f) => importsOf(f.text).some((i) => i.endsWith('/transformers') && !i.startsWith('@'))).map((f) => f.path);
  assert.deepEqual(users, ['embedding/worker.ts']);
});

test('nothing turns remote model loading on', () => {
  const remote = files.filter((f) => /allowRemoteModels\s*=\s*true|huggingface\.co|cdn\.jsdelivr/.test(f.text)).map((f) => f.path);
  assert.deepEqual(remote, []);
});

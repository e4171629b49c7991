import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from '../engine';
import { importPaths } from '../ingest/import';
import { startBackfill } from '../jobs/backfill';
import { BUILTIN_TEST_WORDS, buildRandomStaticModel } from '../models/test-models';
import { getRun } from '../store/runs';
import { cli, engineFor, ROOT, workspace } from '../testing/harness';
import { createCollection } from './collections';
import { NO_OVERLAP_WARNING, spotcheck } from './spotcheck';

/** Finnish aeronautics words: text in a language the English-only test models have never seen. */
const FINNISH_WORDS = (
  'siipi nosto vastus virtaus paine rajakerros lampo siirto shokki aalto nopeus pinta suutin suihku ' +
  'moottori siiveke roottori jannitys levy kuori nurjahdus kuorma paneeli sylinteri kartio pallo runko ' +
  'nokka pyrsto ohjaus vakaus tunneli koe teoria ratkaisu yhtalo menetelma analyysi tulos mitattu laskettu'
).split(' ');
/** Rare words, each in exactly one document of the corpus (three times), and so the queries that ask for them. */
const MARKERS: Record<number, string> = { 150: 'lentokone', 220: 'tuulitunneli', 270: 'siipiprofiili' };
const FINNISH_QUERIES = Object.values(MARKERS);
const ALL_FINNISH = [...FINNISH_WORDS, ...FINNISH_QUERIES];
/** A few everyday English words in every document, as an English model finds a few familiar pieces in foreign text. */
const ENGLISH_NOISE = BUILTIN_TEST_WORDS.slice(0, 60);

/**
 * 300 documents of 20 words each (seeded): 16 Finnish, 4 English; in three of them the first three
 * Finnish words are a marker word instead. All the same length, so no document stands out by length.
 */
function writeFinnishCorpus(file: string): string {
  let s = 11;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = (words: readonly string[]) => words[Math.floor(rnd() * words.length)]!;
  const lines: string[] = [];
  for (let i = 1; i <= 300; i++) {
    const words = Array.from({ length: 16 }, () => pick(FINNISH_WORDS));
    if (MARKERS[i]) words.splice(0, 3, MARKERS[i]!, MARKERS[i]!, MARKERS[i]!);
    for (let j = 0; j < 4; j++) words.splice(3 + j * 4, 0, pick(ENGLISH_NOISE));
    lines.push(JSON.stringify({ id: `fi-${i}`, title: `asiakirja ${i}`, text: words.join(' ') }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * Two models in `<dir>/models`: `english-only` (the test models' built-in everyday English and
 * nothing else: every Finnish word is [UNK] to it, so it ranks these texts by their few English
 * words, which say nothing about the query) and `finnish` (another seed, knows the corpus words).
 */
function finnishWorkspace(): ReturnType<typeof workspace> & { corpus: string } {
  const ws = workspace();
  for (const w of ALL_FINNISH) assert.ok(!BUILTIN_TEST_WORDS.includes(w), `${w} must be unknown to the English-only model`);
  for (const [name, words, seed] of [['english-only', [], 1], ['finnish', ALL_FINNISH, 5]] as const) {
    const dir = join(ws.dir, 'models', name);
    mkdirSync(dir, { recursive: true });
    buildRandomStaticModel(dir, { dim: 64, words, seed });
  }
  return { ...ws, corpus: writeFinnishCorpus(join(ws.dir, 'fi.jsonl')) };
}

async function collectionWith(engine: Engine, name: string, model: string, corpus: string): Promise<void> {
  await createCollection(engine, { name, model });
  await importPaths(engine, name, [corpus]);
  const run = await startBackfill(engine, name, { mode: 'missing' });
  assert.equal(run.status, 'completed');
}

test('a model that knows none of the corpus words: vector and keyword results share nothing, and the report says so; the same corpus with a model that knows them does not', async () => {
  const ws = finnishWorkspace();
  const engine = engineFor(ws);
  await collectionWith(engine, 'wrong', 'english-only', ws.corpus);
  await collectionWith(engine, 'right', 'finnish', ws.corpus);

  const wrong = await spotcheck(engine, 'wrong', FINNISH_QUERIES, 5);
  assert.ok(wrong.results.every((r) => r.hits.length === 5 && r.keywordHits.length === 1), 'each marker is in one document');
  assert.deepEqual(wrong.results.map((r) => r.overlap.documents.count), [0, 0, 0]);
  assert.deepEqual(wrong.warnings, [NO_OVERLAP_WARNING]);
  assert.match(wrong.warnings[0]!, /share nothing for any query: the model may be wrong for this corpus/);
  assert.deepEqual((getRun(engine.db, wrong.runId).result as { warnings: string[] }).warnings, [NO_OVERLAP_WARNING]);

  const right = await spotcheck(engine, 'right', FINNISH_QUERIES, 5);
  assert.deepEqual(right.warnings, []);
  assert.deepEqual(right.results.map((r) => r.overlap.documents.count), [1, 1, 1]);
  assert.deepEqual(right.results.map((r) => r.hits[0]!.document.id), ['fi-150', 'fi-220', 'fi-270'], 'the marked document is first in both lists');

  // One query: the same finding, with the caveat that one query can miss by chance.
  const one = await spotcheck(engine, 'wrong', FINNISH_QUERIES.slice(0, 1), 5);
  assert.equal(one.warnings.length, 1);
  assert.match(one.warnings[0]!, /^Vector and keyword results share nothing.*With only one query this also happens by chance/);
});

test('spotcheck --json keeps results[{query, hits}] and adds keywordHits, overlap and warnings; the text output shows an overlap line per query and the warning first', async () => {
  const ws = finnishWorkspace();
  for (const [name, model] of [['wrong', 'english-only'], ['right', 'finnish']]) {
    for (const args of [['collections', 'create', name!, '--model', model!], ['import', name!, ws.corpus], ['backfill', name!, '--mode', 'missing']]) {
      const r = await cli([...args, '--json'], ws.env);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    }
  }
  let r = await cli(['spotcheck', 'wrong', ...FINNISH_QUERIES, '-k', '5', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(Object.keys(r.json).sort(), ['collection', 'k', 'results', 'runId', 'warnings']);
  assert.deepEqual(r.json.warnings, [NO_OVERLAP_WARNING]);
  for (const [i, result] of (r.json.results as { query: string; hits: unknown[]; keywordHits: { document: { id: string } }[]; overlap: unknown }[]).entries()) {
    assert.deepEqual(Object.keys(result), ['query', 'hits', 'keywordHits', 'overlap']);
    assert.equal(result.query, FINNISH_QUERIES[i]);
    assert.equal(result.hits.length, 5);
    assert.deepEqual(result.keywordHits.map((h) => h.document.id), [`fi-${Object.keys(MARKERS)[i]}`]);
    assert.deepEqual(result.overlap, { chunks: { count: 0, share: 0 }, documents: { count: 0, share: 0 } });
  }

  r = await cli(['spotcheck', 'wrong', ...FINNISH_QUERIES, '-k', '5'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `WARNING: ${NO_OVERLAP_WARNING}`, 'the warning comes first');
  assert.equal(lines.filter((l) => l === '  keyword cross-check, shared with the BM25 top 5: 0 of 1 chunks (0%), 0 of 1 documents (0%)').length, 3, r.stdout);

  r = await cli(['spotcheck', 'right', ...FINNISH_QUERIES, 'kuorma', '?!', '-k', '5'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /WARNING/);
  assert.equal(r.stdout.split('\n').filter((l) => l === '  keyword cross-check, shared with the BM25 top 5: 1 of 1 chunks (100%), 1 of 1 documents (100%)').length, 3, r.stdout);
  assert.match(r.stdout, /keyword cross-check, shared with the BM25 top 5: \d of 5 chunks \(\d+%\), \d of 5 documents/, 'a common word: five keyword hits');
  assert.match(r.stdout, /Query: \?!\n(.*\n){10}  keyword cross-check: the query has no words to look up/);
});

const SHARED = resolve(ROOT, '..', 'shared');
const TINY = join(SHARED, 'models', 'tiny-random-bert');
const CRANFIELD = join(SHARED, 'datasets', 'cranfield');
const sharedAbsent = !existsSync(TINY) || !existsSync(join(CRANFIELD, 'docs.jsonl')) || !existsSync(join(CRANFIELD, 'queries.jsonl'));

test(
  'a random-weight BERT (../shared/models/tiny-random-bert) on Cranfield: a three-query spot-check gets the warning; the default model on the same documents does not',
  { skip: sharedAbsent ? `${TINY} or ${CRANFIELD} is absent (benchmark data beside the repository; not needed by the suite)` : false },
  async () => {
    const ws = workspace();
    const engine = engineFor(ws);
    const docs = join(CRANFIELD, 'docs.jsonl');
    const queries = readFileSync(join(CRANFIELD, 'queries.jsonl'), 'utf8').trim().split('\n').slice(0, 3).map((l) => (JSON.parse(l) as { text: string }).text);
    await collectionWith(engine, 'random', TINY, docs);
    await collectionWith(engine, 'static', 'embedops-static-100d', docs);
    const random = await spotcheck(engine, 'random', queries, 5);
    assert.ok(random.results.every((r) => r.keywordHits.length === 5));
    assert.deepEqual(random.results.map((r) => r.overlap.documents.count), [0, 0, 0]);
    assert.deepEqual(random.warnings, [NO_OVERLAP_WARNING]);
    const fine = await spotcheck(engine, 'static', queries, 5);
    assert.deepEqual(fine.warnings, []);
    assert.ok(fine.results.some((r) => r.overlap.documents.count > 0));
    // Random weights do not make it a random ranking: mean pooling over random token vectors still
    // carries some of the words, so over many queries it shares a document now and then (about
    // one query in eight at k = 5 on all of Cranfield) and "shares nothing" no longer holds. The
    // warning is for the common case of a few spot-check queries.
  },
);

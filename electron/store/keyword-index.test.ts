import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineFor, workspace, writeCorpus } from '../testing/harness';
import type { Engine } from '../engine';
import { importPaths } from '../ingest/import';
import { createCollection } from '../services/collections';
import { getCollection, insertCollection } from './collections';
import type { Db } from './db';
import { openDatabase } from './db';
import {
  checkKeywordIndex,
  dropKeywordIndex,
  ensureAllKeywordIndexes,
  ensureKeywordIndex,
  hasKeywordIndex,
  KEYWORD_TOKENIZER,
  KeywordIndex,
  keywordIndexNames,
  keywordMatchExpression,
} from './keyword-index';

/**
 * Every (term, chunk id, column, offset) the index holds, sorted: the index's exact contents,
 * read through FTS5's own fts5vocab 'instance' view.
 */
function instances(db: Db, table: string): string[] {
  const vocab = `temp.${table}_vocab`;
  db.exec(`CREATE VIRTUAL TABLE ${vocab} USING fts5vocab(main, ${table}, instance)`);
  try {
    return (db.prepare(`SELECT term, doc, col, offset FROM ${vocab}`).all() as { term: string; doc: number; col: string; offset: number }[])
      .map((r) => `${r.term}\t${r.doc}\t${r.col}\t${r.offset}`)
      .sort();
  } finally {
    db.exec(`DROP TABLE ${vocab}`);
  }
}

/**
 * The collection's index must be exactly what indexing its current chunks from scratch gives:
 * FTS5's integrity-check against the chunks, plus a token-by-token comparison with a fresh index
 * built from `SELECT id, text FROM document_chunks WHERE collection_id = …`.
 */
function assertExactlyConsistent(db: Db, collectionId: number, label: string): void {
  const check = checkKeywordIndex(db, collectionId);
  assert.ok(check.ok, `${label}: ${check.error}`);
  assert.equal(check.indexed, check.chunks, label);
  db.exec(`CREATE VIRTUAL TABLE temp.reference_index USING fts5(text, tokenize='${KEYWORD_TOKENIZER}')`);
  try {
    db.prepare('INSERT INTO temp.reference_index (rowid, text) SELECT id, text FROM document_chunks WHERE collection_id = ?').run(collectionId);
    const vocab = 'temp.reference_vocab';
    db.exec(`CREATE VIRTUAL TABLE ${vocab} USING fts5vocab(temp, reference_index, instance)`);
    const expected = (db.prepare(`SELECT term, doc, col, offset FROM ${vocab}`).all() as { term: string; doc: number; col: string; offset: number }[])
      .map((r) => `${r.term}\t${r.doc}\t${r.col}\t${r.offset}`)
      .sort();
    db.exec(`DROP TABLE ${vocab}`);
    const actual = instances(db, keywordIndexNames(collectionId).table);
    assert.ok(expected.length > 0 || check.chunks === 0, label);
    assert.deepEqual(actual, expected, `${label}: the index holds exactly the tokens of the collection's chunks`);
  } finally {
    db.exec('DROP TABLE temp.reference_index');
  }
}

function chunkIdsOf(db: Db, collectionId: number, externalId: string): number[] {
  return db
    .prepare('SELECT c.id FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE c.collection_id = ? AND d.external_id = ? ORDER BY c.id')
    .pluck()
    .all(collectionId, externalId) as number[];
}

function writeJsonl(file: string, docs: { id: string; title: string; text: string }[]): string {
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return file;
}

async function setUp(): Promise<{ engine: Engine; dir: string; corpus: string }> {
  const ws = workspace();
  const engine = engineFor(ws);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 12, 90);
  for (const name of ['a', 'b']) await createCollection(engine, { name, model: 'test-model', chunkSize: 24, chunkOverlap: 4 });
  return { engine, dir: ws.dir, corpus };
}

test('import, a changed document re-imported (chunks updated in place, extra ones deleted, new ones added) and deletions keep the keyword index exactly equal to the chunks', async () => {
  const { engine, dir, corpus } = await setUp();
  const { db } = engine;
  const a = getCollection(db, 'a');
  const b = getCollection(db, 'b');
  assert.ok(hasKeywordIndex(db, a.id) && hasKeywordIndex(db, b.id), 'created with the collection');
  assertExactlyConsistent(db, a.id, 'empty');

  await importPaths(engine, 'a', [corpus]);
  await importPaths(engine, 'b', [corpus]);
  assertExactlyConsistent(db, a.id, 'after import');
  assertExactlyConsistent(db, b.id, 'after import (b)');

  // doc-3 shrinks to one marked chunk (its first chunk rewritten in place, the rest deleted);
  // doc-5 grows (chunks added); doc-7 gets a new first sentence (every chunk shifts and changes).
  const docs = JSON.parse(`[${readFileSync(corpus, 'utf8').trim().split('\n').join(',')}]`) as { id: string; title: string; text: string }[];
  const before3 = chunkIdsOf(db, a.id, 'doc-3');
  assert.ok(before3.length > 2, 'doc-3 starts with several chunks');
  const changed = docs.map((d) => {
    if (d.id === 'doc-3') return { ...d, text: 'zeppelin airship hangar mooring mast' };
    if (d.id === 'doc-5') return { ...d, text: `${d.text} ${d.text} dirigible envelope` };
    if (d.id === 'doc-7') return { ...d, text: `Gondola ballast trim. ${d.text}` };
    return d;
  });
  const report = await importPaths(engine, 'a', [writeJsonl(join(dir, 'changed.jsonl'), changed)]);
  assert.equal(report.documents.updated, 3);
  assert.ok(report.chunks.removed > 0 && report.chunks.added > 0 && report.chunks.changed > 0, JSON.stringify(report.chunks));
  assertExactlyConsistent(db, a.id, 'after re-import');
  assertExactlyConsistent(db, b.id, 'b untouched by a change to a');

  const search = new KeywordIndex(db, a.id);
  const after3 = chunkIdsOf(db, a.id, 'doc-3');
  assert.deepEqual(after3, before3.slice(0, 1), 'the first chunk keeps its id; the others are gone');
  assert.deepEqual(search.search('zeppelin', 10).map((h) => h.chunkId), after3, 'the new words are found, in the updated chunk');
  assert.deepEqual(search.search('dirigible', 10).map((h) => h.chunkId).sort((x, y) => x - y), chunkIdsOf(db, a.id, 'doc-5').filter((id) => (db.prepare('SELECT text FROM document_chunks WHERE id = ?').pluck().get(id) as string).includes('dirigible')));
  assert.equal(search.search('gondola', 10).length, 1);
  assert.deepEqual(new KeywordIndex(db, b.id).search('zeppelin', 10), [], "another collection's index never sees these chunks");

  // Deleting documents (chunks cascade) and single chunks.
  db.prepare("DELETE FROM documents WHERE collection_id = ? AND external_id IN ('doc-3', 'doc-9')").run(a.id);
  db.prepare('DELETE FROM document_chunks WHERE id = ?').run(chunkIdsOf(db, a.id, 'doc-5').at(-1));
  assertExactlyConsistent(db, a.id, 'after deletions');
  assert.deepEqual(search.search('zeppelin', 10), []);
  // An update that changes only the offsets leaves the index as it is (and still consistent).
  db.prepare("UPDATE document_chunks SET start_offset = start_offset + 0, params_hash = 'x' WHERE collection_id = ?").run(a.id);
  assertExactlyConsistent(db, a.id, 'after an update of other columns');
  // Deleting the whole collection's documents empties its index, and only its index.
  db.prepare('DELETE FROM documents WHERE collection_id = ?').run(a.id);
  assertExactlyConsistent(db, a.id, 'after deleting everything');
  assert.equal(checkKeywordIndex(db, a.id).indexed, 0);
  assertExactlyConsistent(db, b.id, 'b at the end');
  assert.ok(checkKeywordIndex(db, b.id).indexed > 0);
});

test('the check is not a formality: a change made without the triggers is reported', async () => {
  const { engine, corpus } = await setUp();
  const { db } = engine;
  const a = getCollection(db, 'a');
  await importPaths(engine, 'a', [corpus]);
  const names = keywordIndexNames(a.id);
  db.exec(`DROP TRIGGER ${names.triggers.update}`);
  db.prepare("UPDATE document_chunks SET text = 'something else entirely' WHERE id = (SELECT min(id) FROM document_chunks WHERE collection_id = ?)").run(a.id);
  const check = checkKeywordIndex(db, a.id);
  assert.equal(check.ok, false);
  assert.match(check.error!, /malformed|corrupt/i);
  // Rebuilt (as for a collection from before keyword indexes existed), it is exact again.
  db.transaction(() => dropKeywordIndex(db, a.id))();
  assert.equal(hasKeywordIndex(db, a.id), false);
  assert.match(checkKeywordIndex(db, a.id).error!, /no keyword index/);
  assert.equal(ensureKeywordIndex(db, a.id), true);
  assert.equal(ensureKeywordIndex(db, a.id), false, 'only once');
  assertExactlyConsistent(db, a.id, 'rebuilt');
});

test('a collection without a keyword index (made before they existed) gets one filled from its chunks, then kept up to date', async () => {
  const { engine, dir, corpus } = await setUp();
  const { db } = engine;
  const a = getCollection(db, 'a');
  const b = getCollection(db, 'b');
  db.transaction(() => {
    dropKeywordIndex(db, a.id);
    dropKeywordIndex(db, b.id);
  })();
  await importPaths(engine, 'a', [corpus]);
  assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'fts_c%'").pluck().get(), 0, 'no trace left by drop');
  assert.deepEqual(ensureAllKeywordIndexes(db), [a.id, b.id]);
  assert.deepEqual(ensureAllKeywordIndexes(db), []);
  assertExactlyConsistent(db, a.id, 'filled from existing chunks');
  assertExactlyConsistent(db, b.id, 'empty collection');
  await importPaths(engine, 'b', [writeJsonl(join(dir, 'one.jsonl'), [{ id: 'x', title: 'x', text: 'propeller torque' }])]);
  assertExactlyConsistent(db, b.id, 'maintained after the fill');
  assert.equal(new KeywordIndex(db, b.id).search('propellers', 5).length, 1, 'porter stemming: propellers finds propeller');
});

test('the keyword index is created in the same transaction as the collection: a failed creation leaves nothing behind', () => {
  const { dir } = workspace();
  const db = openDatabase(join(dir, 'x.sqlite'));
  try {
    const settings = { modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32' as const, dimension: 4, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 };
    const c = insertCollection(db, { name: 'one', ...settings });
    assert.ok(hasKeywordIndex(db, c.id));
    // The index of the next id exists already, so creating the collection fails midway…
    db.exec(`CREATE TABLE ${keywordIndexNames(c.id + 1).table} (x)`);
    assert.throws(() => insertCollection(db, { name: 'two', ...settings }), /already exists/);
    // …and the transaction takes the row and its vector table back with it.
    assert.equal(db.prepare("SELECT count(*) FROM collections WHERE name = 'two'").pluck().get(), 0);
    assert.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'vec_c${c.id + 1}'`).pluck().get(), 0);
  } finally {
    db.close();
  }
});

test('table names come from integer ids only', () => {
  assert.equal(keywordIndexNames(42).table, 'fts_c42');
  for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) assert.throws(() => keywordIndexNames(bad), /unexpected collection id/);
});

test('a query becomes a safe MATCH expression: every word quoted and OR-ed, FTS5 syntax inert, no words → no expression', async () => {
  assert.equal(keywordMatchExpression('Heat transfer in the boundary layer'), '"heat" OR "transfer" OR "boundary" OR "layer"');
  assert.equal(keywordMatchExpression('what is the'), '"what" OR "is" OR "the"', 'only stop words: they are all there is');
  assert.equal(keywordMatchExpression('Mach 2 flow'), '"mach" OR "2" OR "flow"');
  assert.equal(keywordMatchExpression('Ünïcödé naïve café'), '"ünïcödé" OR "naïve" OR "café"', 'the tokenizer folds diacritics itself');
  assert.equal(
    keywordMatchExpression('wing" OR lift:drag NEAR(flap slat) -spoiler ^nose tail* {fin} AND'),
    '"wing" OR "lift" OR "drag" OR "near" OR "flap" OR "slat" OR "spoiler" OR "nose" OR "tail" OR "fin"',
  );
  for (const none of ['', '   ', '?!', '"', '***', '— … ·']) assert.equal(keywordMatchExpression(none), null, JSON.stringify(none));
  assert.equal(keywordMatchExpression(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))!.split(' OR ').length, 64, 'long queries are capped');

  const { engine, corpus } = await setUp();
  await importPaths(engine, 'a', [corpus]);
  const search = new KeywordIndex(engine.db, getCollection(engine.db, 'a').id);
  for (const q of ['"', 'NOT wing', 'wing AND', 'text:wing', 'wing*', '(', ')', 'NEAR(', '-', '^', '{text}: wing', "it's", '']) {
    assert.doesNotThrow(() => search.search(q, 5), q);
  }
  assert.deepEqual(search.search('?!', 5), []);
  const hits = search.search('shock wave', 5);
  assert.equal(hits.length, 5);
  assert.ok(hits.every((h, i) => h.score > 0 && (i === 0 || hits[i - 1]!.score >= h.score)), 'BM25, best first, higher is better');
});

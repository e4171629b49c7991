import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpotcheckHit } from '../../shared/types';
import type { Engine } from '../engine';
import { importPaths } from '../ingest/import';
import { startBackfill } from '../jobs/backfill';
import { getCollection } from '../store/collections';
import { dropKeywordIndex, hasKeywordIndex } from '../store/keyword-index';
import { getRun } from '../store/runs';
import { engineFor, workspace, writeCorpus } from '../testing/harness';
import { createCollection } from './collections';
import { crossCheckWarnings, NO_OVERLAP_WARNING, overlapOf, snippetOf, spotcheck } from './spotcheck';

test('the snippet shows the part of the chunk with the query words, and is always a substring of it', () => {
  const filler = 'Wipe the frame and check the brakes before every ride. '.repeat(8);
  const text = `${filler}Oil the chain every 300 km, or after riding in rain. ${filler}`;
  const s = snippetOf(text, 'how often should I oil a bicycle chain');
  assert.ok(text.includes(s));
  assert.match(s, /Oil the chain every 300 km/);
  assert.ok(s.length <= 280);
  assert.equal(snippetOf('short text', 'anything'), 'short text');
  assert.equal(snippetOf(text, 'zzz qqq'), text.slice(0, snippetOf(text, 'zzz qqq').length), 'no match: the chunk start');
});

async function collectionWith(engine: Engine, name: string, model: string, corpus: string): Promise<void> {
  await createCollection(engine, { name, model });
  await importPaths(engine, name, [corpus]);
  const run = await startBackfill(engine, name, { mode: 'missing' });
  assert.equal(run.status, 'completed');
}

function assertCited(hits: SpotcheckHit[], texts: Map<string, string>): void {
  for (const h of hits) {
    const text = texts.get(h.document.id)!;
    assert.ok(h.start >= 0 && h.end <= text.length && h.start < h.end);
    assert.ok(text.slice(h.start, h.end).includes(h.snippet), 'the snippet lies between start and end');
    assert.equal(typeof h.chunkId, 'number');
  }
}

test('each result carries the BM25 hits for its query, cited like the vector hits, and their overlap; recorded in the run', async () => {
  const ws = workspace();
  const engine = engineFor(ws);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 40, 60);
  await collectionWith(engine, 'c', 'test-model', corpus);
  const texts = new Map(readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string }).map((d) => [d.id, d.text]));
  const queries = ['shock wave mach number', 'heat transfer boundary layer', 'turbulent flow separation'];
  const report = await spotcheck(engine, 'c', queries, 5);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.results.map((r) => r.query), queries);
  for (const r of report.results) {
    assert.equal(r.hits.length, 5);
    assert.equal(r.keywordHits.length, 5);
    assertCited(r.keywordHits, texts);
    assert.ok(r.keywordHits.every((h, i) => h.score > 0 && (i === 0 || r.keywordHits[i - 1]!.score >= h.score)), 'BM25 scores, best first');
    assert.deepEqual(r.overlap, overlapOf(r.hits, r.keywordHits));
    assert.ok(r.overlap.chunks.share >= 0 && r.overlap.chunks.share <= 1 && r.overlap.documents.share <= 1);
  }
  // The test model's similarity follows shared words, so the two lists agree somewhere.
  assert.ok(report.results.reduce((s, r) => s + r.overlap.chunks.count, 0) > 0, JSON.stringify(report.results.map((r) => r.overlap)));
  const result = getRun(engine.db, report.runId).result as { top: { query: string; overlap: unknown; keywordHits: number }[]; warnings: string[] };
  assert.deepEqual(result.top.map((t) => t.overlap), report.results.map((r) => r.overlap), 'the history records the overlap of every query');
  assert.deepEqual(result.top.map((t) => t.keywordHits), [5, 5, 5]);
  assert.deepEqual(result.warnings, []);
});

test('the warning needs evidence: no keyword matches, or any shared document, means no warning', () => {
  const hit = (doc: string, chunkId: number): SpotcheckHit => ({ document: { id: doc, title: doc, path: null }, chunk: 0, chunkId, start: 0, end: 1, snippet: 'x', score: 1 });
  const result = (hits: SpotcheckHit[], keywordHits: SpotcheckHit[]) => ({ query: 'q', hits, keywordHits, overlap: overlapOf(hits, keywordHits) });
  assert.deepEqual(crossCheckWarnings([]), []);
  assert.deepEqual(crossCheckWarnings([result([hit('a', 1)], []), result([hit('a', 1)], [])]), [], 'keyword search found nothing: nothing to compare');
  assert.deepEqual(crossCheckWarnings([result([hit('a', 1)], [hit('b', 2)]), result([hit('a', 1)], [hit('a', 3)]), result([hit('c', 4)], [hit('d', 5)])]), [], 'one query shares a document');
  assert.deepEqual(crossCheckWarnings([result([hit('a', 1)], [hit('b', 2)]), result([hit('a', 1)], []), result([hit('c', 4)], [hit('d', 5)]), result([hit('c', 4)], [hit('e', 6)])]), [NO_OVERLAP_WARNING]);
  const o = overlapOf([hit('a', 1), hit('a', 2), hit('b', 3)], [hit('a', 2), hit('c', 9)]);
  assert.deepEqual(o, { chunks: { count: 1, share: 0.5 }, documents: { count: 1, share: 0.5 } });
  assert.deepEqual(overlapOf([hit('a', 1)], []), { chunks: { count: 0, share: 0 }, documents: { count: 0, share: 0 } });
});

test('a query with no words gives no keyword hits, not an error; a collection without a keyword index gets one, or a warning when read-only', async () => {
  const ws = workspace();
  const engine = engineFor(ws);
  await collectionWith(engine, 'c', 'test-model', writeCorpus(join(ws.dir, 'docs.jsonl'), 12, 40));
  const r = await spotcheck(engine, 'c', ['?!', '…', 'wing lift'], 3);
  assert.deepEqual(r.results.map((x) => x.keywordHits.length), [0, 0, 3]);
  assert.deepEqual(r.results[0]!.overlap, { chunks: { count: 0, share: 0 }, documents: { count: 0, share: 0 } });
  assert.equal(r.results[0]!.hits.length, 3, 'the vector side still answers');

  // As if the collection came from a build without keyword indexes.
  const id = getCollection(engine.db, 'c').id;
  engine.db.transaction(() => dropKeywordIndex(engine.db, id))();
  const readonly = engineFor(ws, true);
  const ro = await spotcheck(readonly, 'c', ['wing lift'], 3);
  assert.equal(ro.results[0]!.keywordHits.length, 0);
  assert.equal(ro.results[0]!.hits.length, 3);
  assert.match(ro.warnings.join('\n'), /no keyword index yet.*read-only/);
  assert.equal(hasKeywordIndex(engine.db, id), false);
  const rw = await spotcheck(engine, 'c', ['wing lift'], 3);
  assert.ok(hasKeywordIndex(engine.db, id), 'built on first use with write access');
  assert.equal(rw.results[0]!.keywordHits.length, 3);
  assert.deepEqual(rw.warnings, []);
});

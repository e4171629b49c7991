import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Chunk } from '../ingest/chunker';
import { createCollection } from '../services/collections';
import { DocumentWriter } from '../store/documents';
import { engineFor, workspace } from '../testing/harness';
import { embeddingInput } from './guard';
import { decodeFindings, ensureScanned } from './scan-store';

const URL_DOC = 'wing lift drag flow. DATABASE_URL=postgres://app_user:S3cr3t-FAKE-Pa55@db.internal.example:5432/orders then heat transfer.';

/** Chunks cut at fixed character positions, as the chunker's offsets would be. */
function cut(content: string, at: number[]): Chunk[] {
  const bounds = [0, ...at, content.length];
  return bounds.slice(0, -1).map((start, ordinal) => ({ ordinal, start, end: bounds[ordinal + 1]!, text: content.slice(start, bounds[ordinal + 1]), tokenCount: 5 }));
}

test('a credential cut in two by the chunker is flagged in both chunks, and neither half reaches the model', async () => {
  const ws = workspace();
  const engine = engineFor(ws);
  const c = await createCollection(engine, { name: 'c', model: 'test-model', chunkSize: 16, chunkOverlap: 0 });
  const split = URL_DOC.indexOf('FAKE'); // inside the password
  const writer = new DocumentWriter(engine.db, c, 'p');
  engine.db.transaction(() => writer.upsert({ externalId: 'd', title: 't', sourcePath: null, content: URL_DOC, contentHash: 'h1' }, cut(URL_DOC, [split, URL_DOC.length - 10]), { added: 0, changed: 0, removed: 0 }))();
  const rows = engine.db.prepare('SELECT c.ordinal, c.text, s.count, s.findings FROM document_chunks c JOIN chunk_secrets s ON s.chunk_id = c.id ORDER BY c.ordinal').all() as { ordinal: number; text: string; count: number; findings: string }[];
  assert.deepEqual(rows.map((r) => r.count), [1, 1, 0]);
  assert.deepEqual(rows.map((r) => decodeFindings(r.findings).map((f) => f.kind)), [['connection_string'], ['connection_string'], []]);
  // The second chunk alone ("FAKE-Pa55@db…") does not look like a credential; its stored finding says it is one.
  assert.equal(embeddingInput(rows[1]!.text, 'redact'), rows[1]!.text, 'a scan of the chunk alone would miss it');
  for (const r of rows.slice(0, 2)) {
    assert.equal(embeddingInput(r.text, 'skip', r.findings), null);
    const red = embeddingInput(r.text, 'redact', r.findings)!;
    assert.ok(!/S3cr3t|FAKE-Pa55/.test(red), red);
    assert.match(red, /\[REDACTED connection_string\]/);
  }
});

test('chunks without a current scan (a database from before the guard, a newer detector) are scanned before use', async () => {
  const ws = workspace();
  const engine = engineFor(ws);
  const c = await createCollection(engine, { name: 'c', model: 'test-model', chunkSize: 16, chunkOverlap: 0 });
  const writer = new DocumentWriter(engine.db, c, 'p');
  engine.db.transaction(() => writer.upsert({ externalId: 'd', title: 't', sourcePath: null, content: URL_DOC, contentHash: 'h1' }, cut(URL_DOC, [30]), { added: 0, changed: 0, removed: 0 }))();
  assert.equal(ensureScanned(engine.db, c.id), 0, 'written chunks were scanned on write');
  engine.db.exec('DELETE FROM chunk_secrets');
  assert.equal(ensureScanned(engine.db, c.id), 2);
  assert.equal(engine.db.prepare('SELECT count(*) FROM chunk_secrets WHERE count > 0').pluck().get(), 1);
  engine.db.exec('UPDATE chunk_secrets SET detector_version = 0');
  assert.equal(ensureScanned(engine.db, c.id), 2, 'an older detector version is scanned again');
  // Deleting a chunk deletes its scan row.
  engine.db.exec('DELETE FROM document_chunks');
  assert.equal(engine.db.prepare('SELECT count(*) FROM chunk_secrets').pluck().get(), 0);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finishDocument, recordToItem } from './records';
import { readerContext } from './test-support';

const ctx = readerContext({ path: '/data/docs.jsonl', fileKey: 'sub/docs.jsonl', fileName: 'docs.jsonl' });
const pos = { number: 7, locator: 'line 7' };

describe('recordToItem', () => {
  it('maps id/title/text', () => {
    assert.deepEqual(recordToItem(ctx, { id: 'a', title: ' A\n title ', text: 'body' }, pos), {
      kind: 'document',
      doc: { externalId: 'a', title: 'A title', sourcePath: '/data/docs.jsonl', content: 'body', locator: 'line 7' },
    });
  });
  it('accepts aliases case-insensitively: _id, name, content/contents/body', () => {
    for (const [rec, id, title, text] of [
      [{ _id: 'b', name: 'N', content: 'c1' }, 'b', 'N', 'c1'],
      [{ ID: 'c', Title: 'T', Body: 'c2' }, 'c', 'T', 'c2'],
      [{ docid: 'd', contents: 'c3' }, 'd', 'd', 'c3'],
    ] as const) {
      const item = recordToItem(ctx, rec, pos);
      assert.ok(item.kind === 'document');
      assert.deepEqual([item.doc.externalId, item.doc.title, item.doc.content], [id, title, text]);
    }
  });
  it('prefers "text" over the other aliases', () => {
    const item = recordToItem(ctx, { body: 'no', text: 'yes' }, pos);
    assert.equal(item.kind === 'document' && item.doc.content, 'yes');
  });
  it('turns numeric ids into strings and trims string ids', () => {
    const a = recordToItem(ctx, { id: 42, text: 'x' }, pos);
    const b = recordToItem(ctx, { id: '  7 ', text: 'x' }, pos);
    assert.equal(a.kind === 'document' && a.doc.externalId, '42');
    assert.equal(b.kind === 'document' && b.doc.externalId, '7');
  });
  it('falls back to <file key>:<number> without an id, and to the id for the title', () => {
    const item = recordToItem(ctx, { id: '', text: 'x' }, pos);
    assert.ok(item.kind === 'document');
    assert.equal(item.doc.externalId, 'sub/docs.jsonl:7');
    assert.equal(item.doc.title, 'sub/docs.jsonl:7');
  });
  it('reports a missing text field with the keys it found', () => {
    assert.deepEqual(recordToItem(ctx, { id: 1, summary: 's' }, pos), {
      kind: 'skipped',
      skip: {
        path: '/data/docs.jsonl',
        locator: 'line 7',
        reason: 'parse-error',
        message: 'record has no text field (found keys: id, summary); name the field "text" (or content, contents, body)',
      },
    });
  });
  it('rejects non-string text and object ids', () => {
    const a = recordToItem(ctx, { text: ['x'] }, pos);
    const b = recordToItem(ctx, { id: { n: 1 }, text: 'x' }, pos);
    assert.equal(a.kind === 'skipped' && a.skip.message, 'field "text" is an array, not a string; store the text as a JSON string');
    assert.equal(b.kind === 'skipped' && b.skip.message, 'field "id" is an object; an id must be a string or a number');
  });
  it('treats null or blank text as empty', () => {
    const item = recordToItem(ctx, { id: 'e', text: null }, pos);
    assert.equal(item.kind === 'skipped' && item.skip.reason, 'empty');
  });
});

describe('finishDocument', () => {
  it('normalises line endings and enforces maxDocumentChars', () => {
    const small = readerContext({ limits: { maxDocumentChars: 5 } });
    const ok = finishDocument(small, { externalId: 'x', title: 't', content: 'a\r\nb' });
    assert.equal(ok.kind === 'document' && ok.doc.content, 'a\nb');
    const big = finishDocument(small, { externalId: 'x', title: 't', content: '123456' });
    assert.deepEqual(big, {
      kind: 'skipped',
      skip: {
        path: small.path,
        reason: 'oversize',
        message: 'file text is 6 characters, over the 5 limit (maxDocumentChars); split it into smaller documents or raise maxDocumentChars',
      },
    });
  });
});

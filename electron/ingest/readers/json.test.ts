import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorDetail, jsonReader } from './json';
import { readerContext } from './test-support';

const ctx = readerContext({ path: '/d/doc.json', fileKey: 'notes/doc.json', fileName: 'doc.json' });
const read = (text: string) => [...jsonReader.read(text, ctx)];

describe('jsonReader', () => {
  it('reads a single object, whose fallback id is the file key', () => {
    assert.deepEqual(read('{"title": "One", "text": "Body"}'), [
      { kind: 'document', doc: { externalId: 'notes/doc.json', title: 'One', sourcePath: '/d/doc.json', content: 'Body' } },
    ]);
  });
  it('reads an array, numbering items without ids, and reports non-objects', () => {
    const items = read('[{"id": 5, "text": "a"}, {"text": "b"}, 3]');
    assert.deepEqual(
      items.map((i) => (i.kind === 'document' ? i.doc.externalId : `${i.skip.reason}@${i.skip.locator}`)),
      ['5', 'notes/doc.json:2', 'parse-error@item 3'],
    );
  });
  it('reports invalid JSON with the line of the error', () => {
    const [item] = read('{\n  "text": "a",\n  oops\n}');
    assert.equal(item?.kind === 'skipped' && item.skip.reason, 'parse-error');
    assert.match(item?.kind === 'skipped' ? item.skip.message : '', /^invalid JSON: .*\(line 3\); fix the syntax \(or use JSONL, one object per line\)$/);
  });
  it('reports an empty array and a bare value', () => {
    assert.deepEqual(read('[]').map((i) => i.kind === 'skipped' && i.skip.reason), ['empty']);
    assert.deepEqual(read('"just a string"').map((i) => i.kind === 'skipped' && i.skip.message), [
      'JSON holds a string; expected an {"id","title","text"} object or an array of them',
    ]);
  });
});

describe('jsonErrorDetail', () => {
  it('caps long parser messages', () => {
    assert.ok(jsonErrorDetail(new Error('x'.repeat(500))).length <= 160);
  });
});

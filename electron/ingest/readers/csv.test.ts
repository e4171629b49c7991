import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvReader, tsvReader } from './csv';
import { readerContext } from './test-support';
import type { ReaderItem } from './types';

const ctx = readerContext({ path: '/d/t.csv', fileKey: 't.csv', fileName: 't.csv' });
const read = (text: string, reader = csvReader): ReaderItem[] => [...reader.read(text, ctx)];
const summary = (items: ReaderItem[]) =>
  items.map((i) => (i.kind === 'document' ? [i.doc.externalId, i.doc.title, i.doc.content, i.doc.locator] : [i.skip.reason, i.skip.locator]));

describe('csvReader', () => {
  it('reads id/title/text columns in any order and case, with aliases', () => {
    const items = read('Body,NAME,Id,extra\n"x, y",Tea,7,z\n');
    assert.deepEqual(summary(items), [['7', 'Tea', 'x, y', 'row 2']]);
  });
  it('uses <file>:<row> without an id column, and the id as title without a title', () => {
    const items = read('text\nfirst\nsecond\n');
    assert.deepEqual(summary(items), [['t.csv:2', 't.csv:2', 'first', 'row 2'], ['t.csv:3', 't.csv:3', 'second', 'row 3']]);
  });
  it('locates rows after a quoted newline by row and line', () => {
    const items = read('id,text\na,"two\nlines"\nb,after\n');
    assert.deepEqual(summary(items), [['a', 'a', 'two\nlines', 'row 2'], ['b', 'b', 'after', 'row 3 (line 4)']]);
  });
  it('ignores blank lines and pads short rows', () => {
    const items = read('id,title,text\n\na,T\nb,,body\n');
    assert.deepEqual(summary(items), [['empty', 'row 3'], ['b', 'b', 'body', 'row 4']]);
  });
  it('reports a row with more fields than the header and goes on', () => {
    const items = read('id,text\na,one, two\nb,ok\n');
    assert.deepEqual(summary(items), [['parse-error', 'row 2'], ['b', 'b', 'ok', 'row 3']]);
    assert.equal(
      items[0]?.kind === 'skipped' && items[0].skip.message,
      'row has 3 fields but the header has 2; put fields that contain a comma in double quotes',
    );
  });
  it('reports a header without a text column once for the file', () => {
    const items = read('query_id,doc_id\n1,2\n');
    assert.deepEqual(summary(items), [['parse-error', undefined]]);
    assert.match(items[0]?.kind === 'skipped' ? items[0].skip.message : '', /^no text column in the header row \(found "query_id", "doc_id"\)/);
  });
  it('reports a header-only file as empty', () => {
    assert.deepEqual(summary(read('id,text\n')), [['empty', undefined]]);
  });
  it('reports an unterminated quote at the row where it starts', () => {
    const items = read('id,text\na,ok\nb,"oops\nc,never\n');
    assert.deepEqual(summary(items), [['a', 'a', 'ok', 'row 2'], ['parse-error', 'row 3']]);
  });
  it('treats a "__proto__" column as an ordinary column', () => {
    assert.deepEqual(summary(read('__proto__,text\nx,y\n')), [['t.csv:2', 't.csv:2', 'y', 'row 2']]);
  });
});

describe('tsvReader', () => {
  it('splits on tabs, so commas stay inside the text', () => {
    assert.deepEqual(summary(read('id\ttext\n1\ta, b, c\n', tsvReader)), [['1', '1', 'a, b, c', 'row 2']]);
  });
});

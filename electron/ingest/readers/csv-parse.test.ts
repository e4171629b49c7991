import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDelimited } from './csv-parse';

const parse = (text: string, delim: ',' | '\t' = ',') => [...parseDelimited(text, delim)];

describe('parseDelimited', () => {
  it('splits plain fields and keeps empty ones', () => {
    assert.deepEqual(parse('a,b,c\n1,,3\n,\n'), [
      { fields: ['a', 'b', 'c'], row: 1, line: 1 },
      { fields: ['1', '', '3'], row: 2, line: 2 },
      { fields: ['', ''], row: 3, line: 3 },
    ]);
  });
  it('handles quoted delimiters, doubled quotes and newlines inside quotes', () => {
    const rows = parse('id,text\n1,"a, b"\n2,"say ""hi"""\n3,"line 1\nline 2\n"\n4,end');
    assert.deepEqual(rows.map((r) => r.fields), [['id', 'text'], ['1', 'a, b'], ['2', 'say "hi"'], ['3', 'line 1\nline 2\n'], ['4', 'end']]);
    assert.deepEqual(rows.map((r) => [r.row, r.line]), [[1, 1], [2, 2], [3, 3], [4, 4], [5, 7]]);
  });
  it('treats a quote in the middle of an unquoted field as a literal', () => {
    assert.deepEqual(parse('5" disk,x')[0]?.fields, ['5" disk', 'x']);
  });
  it('keeps an empty last field after a trailing delimiter', () => {
    assert.deepEqual(parse('a,b,')[0]?.fields, ['a', 'b', '']);
  });
  it('reports an unterminated quote with the line it started on', () => {
    const [, bad] = parse('id,text\n1,"never closed\nmore');
    assert.match(bad?.error ?? '', /^unterminated quoted field 2 starting on line 2; close the quote/);
    assert.deepEqual(bad?.fields, ['1', 'never closed\nmore']);
  });
  it('reports text after a closing quote and keeps going', () => {
    const rows = parse('"a"b,c\nnext,row');
    assert.match(rows[0]?.error ?? '', /unexpected text after the closing quote of field 1/);
    assert.deepEqual(rows[0]?.fields, ['ab', 'c']);
    assert.deepEqual(rows[1], { fields: ['next', 'row'], row: 2, line: 2 });
  });
  it('splits on tabs for TSV, where commas are ordinary text', () => {
    assert.deepEqual(parse('id\ttext\n1\ta, b\t"q\tq"', '\t').map((r) => r.fields), [['id', 'text'], ['1', 'a, b', 'q\tq']]);
  });
  it('stays linear on a long single-column file', () => {
    const text = 'text\n' + 'row\n'.repeat(200_000);
    const started = Date.now();
    assert.equal(parse(text).length, 200_001);
    assert.ok(Date.now() - started < 5000);
  });
});

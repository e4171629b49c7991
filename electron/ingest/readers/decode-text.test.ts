import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeUtf8, firstInvalidUtf8, normaliseNewlines, notUtf8Message } from './decode-text';
import { sniffBinary, sniffMessage } from './sniff-binary';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('decodeUtf8', () => {
  it('decodes valid text and drops a leading BOM', () => {
    assert.deepEqual(decodeUtf8(Buffer.from('\ufeffcafé 😀', 'utf8')), { ok: true, text: 'café 😀' });
  });

  it('locates the first invalid byte', () => {
    const latin1 = Buffer.from('abc caf\xe9!', 'latin1');
    assert.deepEqual(decodeUtf8(latin1), { ok: false, offset: 7, byte: 0xe9 });
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts 1- to 4-byte sequences', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('a é € 😀', 'utf8')), -1);
  });
  it('rejects overlong forms, surrogates, values past U+10FFFF and stray continuation bytes', () => {
    assert.equal(firstInvalidUtf8(bytes(0x41, 0xc0, 0xaf)), 1, 'overlong 2-byte');
    assert.equal(firstInvalidUtf8(bytes(0xe0, 0x80, 0xaf)), 0, 'overlong 3-byte');
    assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0, 'UTF-16 surrogate');
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0, 'past U+10FFFF');
    assert.equal(firstInvalidUtf8(bytes(0x41, 0x42, 0x80)), 2, 'lone continuation byte');
  });
  it('rejects a sequence cut off by the end of input', () => {
    assert.equal(firstInvalidUtf8(bytes(0x41, 0xe2, 0x82)), 1);
  });
  it('agrees with TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    for (let round = 0; round < 2000; round++) {
      const buf = new Uint8Array(6);
      for (let k = 0; k < buf.length; k++) buf[k] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      let valid = true;
      try {
        strict.decode(buf);
      } catch {
        valid = false;
      }
      assert.equal(firstInvalidUtf8(buf) === -1, valid, `bytes ${[...buf].join(',')}`);
    }
  });
});

describe('normaliseNewlines', () => {
  it('turns CRLF and lone CR into LF and strips a BOM', () => {
    assert.equal(normaliseNewlines('\ufeffa\r\nb\rc\n'), 'a\nb\nc\n');
  });
});

describe('notUtf8Message', () => {
  it('names the byte and the fix', () => {
    assert.match(notUtf8Message(12, 0xe9), /^not valid UTF-8 at byte 12 \(0xE9\).*re-save it as UTF-8$/);
  });
});

describe('sniffBinary', () => {
  it('recognises common binary formats by magic number', () => {
    assert.deepEqual(sniffBinary(Buffer.from('%PDF-1.7\n')), { kind: 'binary', label: 'PDF' });
    assert.equal(sniffBinary(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a)).kind, 'binary');
    const zip = sniffBinary(bytes(0x50, 0x4b, 0x03, 0x04, 0x14));
    assert.ok(zip.kind === 'binary' && zip.label.includes('.docx'));
  });
  it('flags a NUL byte with its offset', () => {
    const r = sniffBinary(Buffer.from('text\0more'));
    assert.deepEqual(r, { kind: 'binary', label: 'NUL byte', nulAt: 4 });
    assert.match(sniffMessage(r as Exclude<typeof r, { kind: 'text' }>), /^binary file \(NUL byte at offset 4\)/);
  });
  it('reports UTF-16 by its BOM rather than as binary', () => {
    const r = sniffBinary(Buffer.from('\ufeffhi', 'utf16le'));
    assert.deepEqual(r, { kind: 'utf16', label: 'UTF-16 LE' });
    assert.equal(sniffMessage(r as Exclude<typeof r, { kind: 'text' }>), 'file is UTF-16 LE text, not UTF-8; re-save it as UTF-8');
  });
  it('passes ordinary text, including UTF-8 with a BOM', () => {
    assert.deepEqual(sniffBinary(Buffer.from('\ufeff# Title\nbody', 'utf8')), { kind: 'text' });
  });
});

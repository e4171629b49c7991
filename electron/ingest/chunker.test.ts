import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedCounter, chunkText } from './chunker';

// A stand-in tokenizer for the algorithm's own properties: long words cost more tokens.
const count = (w: string) => Math.ceil(w.length / 4);

test('every chunk is the exact slice of the document its offsets name', () => {
  const text = 'The wing was tested.  Lift rose with angle of attack!\n\nA second paragraph, with commas; and more words follow here.';
  const chunks = chunkText(text, { size: 8, overlap: 2 }, count);
  assert.ok(chunks.length > 2);
  for (const c of chunks) assert.equal(c.text, text.slice(c.start, c.end));
  assert.deepEqual(chunks.map((c) => c.ordinal), chunks.map((_, i) => i));
});

test('chunks respect the size, overlap by at most the overlap, and cover the whole text', () => {
  const words = Array.from({ length: 500 }, (_, i) => `word${i % 37}${i % 5 === 0 ? '.' : ''}`).join(' ');
  const chunks = chunkText(words, { size: 40, overlap: 8 }, count);
  for (const c of chunks) assert.ok(c.tokenCount <= 40, `chunk of ${c.tokenCount} tokens`);
  assert.equal(chunks[0]!.start, 0);
  assert.equal(chunks.at(-1)!.end, words.length);
  for (let i = 1; i < chunks.length; i++) {
    assert.ok(chunks[i]!.start > chunks[i - 1]!.start, 'always moves forward');
    assert.ok(chunks[i]!.start <= chunks[i - 1]!.end, 'no gap between chunks');
  }
});

test('a full chunk ends at a sentence end when one is near', () => {
  const text = 'alpha beta gamma delta epsilon zeta. eta theta iota kappa lambda mu nu xi omicron pi rho sigma';
  const [first] = chunkText(text, { size: 8, overlap: 0 }, () => 1);
  assert.equal(first!.text, 'alpha beta gamma delta epsilon zeta.');
});

test('empty and whitespace-only text give no chunks; a word longer than the size is its own chunk', () => {
  assert.deepEqual(chunkText('', { size: 10, overlap: 2 }, count), []);
  assert.deepEqual(chunkText('  \n\t ', { size: 10, overlap: 2 }, count), []);
  const chunks = chunkText('a ' + 'x'.repeat(100) + ' b', { size: 5, overlap: 1 }, count);
  assert.equal(chunks.map((c) => c.text).join('|'), 'a|' + 'x'.repeat(100) + '|b');
});

test('the token cache asks the tokenizer once per distinct word', () => {
  let calls = 0;
  const counter = cachedCounter((w) => (calls++, w.length));
  chunkText('the the the cat cat', { size: 100, overlap: 0 }, counter);
  assert.equal(calls, 2);
});

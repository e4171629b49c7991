import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snippetOf } from './spotcheck';

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

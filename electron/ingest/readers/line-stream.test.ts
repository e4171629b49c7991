import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readLines } from './line-stream';
import { makeTempDir, removeTempDirs } from './test-support';

after(removeTempDirs);

async function lines(content: string | Buffer, max = 1 << 20) {
  const file = join(await makeTempDir(), 'f.jsonl');
  await writeFile(file, content);
  const out = [];
  for await (const l of readLines(file, max)) out.push({ ...l, text: l.bytes?.toString('utf8') ?? null });
  return out;
}

describe('readLines', () => {
  it('splits on LF and CRLF, keeps blank lines, reads a last line without newline', async () => {
    const got = await lines('a\r\n\nbc\nd');
    assert.deepEqual(got.map((l) => [l.number, l.offset, l.text]), [[1, 0, 'a'], [2, 3, ''], [3, 4, 'bc'], [4, 7, 'd']]);
  });
  it('drops an overlong line unread but keeps counting', async () => {
    const got = await lines(`short\n${'x'.repeat(100)}\nafter\n`, 50);
    assert.deepEqual(got.map((l) => [l.number, l.text, l.length]), [[1, 'short', 5], [2, null, 100], [3, 'after', 5]]);
  });
  it('joins lines that cross read-chunk boundaries (1 MiB chunks)', async () => {
    const expected: string[] = [];
    let seed = 1;
    // Multi-byte characters make some chunk boundaries fall inside a character, not just a line.
    for (let bytes = 0; bytes < 3.5 * (1 << 20); ) {
      seed = (seed * 48271) % 2147483647;
      const line = `${expected.length}:${'é'.repeat(seed % 5000)}`;
      expected.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    const got = await lines(expected.join('\n') + '\n');
    assert.equal(got.length, expected.length);
    assert.ok(got.every((l, k) => l.text === expected[k]));
  });
});

/** The bulk path: large JSONL files are streamed line by line, never loaded whole. */
import assert from 'node:assert/strict';
import { appendFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTempDir, removeTempDirs } from './readers/test-support';
import { scanSources } from './scan-sources';

after(removeTempDirs);

const LINES = 50_000;

async function writeCorpus(): Promise<string> {
  const path = join(await makeTempDir(), 'bulk.jsonl');
  const rows: string[] = [];
  for (let k = 1; k <= LINES; k++) {
    // Mixed shapes, as real exports have: some without id, some numeric ids, some with aliases.
    if (k % 1000 === 0) rows.push(JSON.stringify({ title: `untitled ${k}`, body: `text of record ${k} ` + 'lorem ipsum '.repeat(8) }));
    else rows.push(JSON.stringify({ id: k % 2 ? `doc-${k}` : k, title: `Record ${k}`, text: `text of record ${k} ` + 'lorem ipsum '.repeat(8) }));
  }
  await writeFile(path, rows.join('\n') + '\n');
  return path;
}

describe('JSONL streaming', () => {
  it('reads 50k lines in order, with ids and line numbers, unaffected by maxFileBytes', async () => {
    const path = await writeCorpus();
    const size = (await stat(path)).size;
    assert.ok(size > 5 * 1024 * 1024, 'the corpus spans several read chunks');
    let docs = 0;
    let expectLine = 1;
    let skipped = 0;
    for await (const item of scanSources([path], { maxFileBytes: 1024 })) {
      if (item.kind === 'file') assert.equal(item.bytes, size);
      if (item.kind === 'skipped') skipped++;
      if (item.kind !== 'document') continue;
      const { doc } = item;
      assert.equal(doc.locator, `line ${expectLine}`);
      const want = expectLine % 1000 === 0 ? `bulk.jsonl:${expectLine}` : expectLine % 2 ? `doc-${expectLine}` : String(expectLine);
      assert.equal(doc.externalId, want);
      expectLine++;
      docs++;
    }
    assert.equal(skipped, 0);
    assert.equal(docs, LINES);
  });

  it('hands out documents before the file has been read to the end', async () => {
    const path = await writeCorpus();
    let docs = 0;
    let appended = false;
    for await (const item of scanSources([path])) {
      if (item.kind !== 'document') continue;
      docs++;
      if (!appended) {
        // A reader that had slurped the file would never see a line added now.
        await appendFile(path, JSON.stringify({ id: 'appended', text: 'late line' }) + '\n');
        appended = true;
      }
      if (item.doc.externalId === 'appended') assert.equal(item.doc.locator, `line ${LINES + 1}`);
    }
    assert.equal(docs, LINES + 1);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const path = await writeCorpus();
    let seen = 0;
    for await (const item of scanSources([path])) {
      if (item.kind === 'document' && ++seen === 10) break;
    }
    assert.equal(seen, 10);
  });
});

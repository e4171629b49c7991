/** Every skip reason, end to end through scanSources, with the exact message a user sees. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { docsOf, makeTempDir, removeTempDirs, scanAll, skipsOf } from './readers/test-support';
import type { ScanItem, ScanOptions, SkippedSource } from './types';
import { isRoot, nobodyCanReach } from '../testing/permissions';

after(removeTempDirs);

/** Writes one file into a fresh folder, scans it, and returns its skips and documents. */
async function scanOne(name: string, content: string | Buffer, opts?: ScanOptions) {
  const dir = await makeTempDir();
  const path = join(dir, name);
  await writeFile(path, content);
  const items = await scanAll([path], opts);
  return { path, items, skips: skipsOf(items), docs: docsOf(items) };
}

const only = (skips: SkippedSource[]) => {
  assert.equal(skips.length, 1, JSON.stringify(skips));
  return skips[0]!;
};

describe('binary', () => {
  it('names a known format from its magic number, even behind a text extension', async () => {
    const { path, skips } = await scanOne('report.txt', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'));
    assert.deepEqual(only(skips), {
      path,
      reason: 'binary',
      message: 'binary file (PDF); only text is imported — extract its text to .txt/.md first or leave it out',
    });
  });
  it('detects NUL bytes in the first 8 KB', async () => {
    const { skips } = await scanOne('data.md', Buffer.concat([Buffer.from('abc'), Buffer.from([0, 1, 2])]));
    assert.equal(only(skips).message, 'binary file (NUL byte at offset 3); only text is imported — convert it to .txt/.md or leave it out');
  });
  it('checks streamed JSONL files too', async () => {
    const { skips, items } = await scanOne('pics.jsonl', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    assert.equal(only(skips).message, 'binary file (PNG image); only text is imported — extract its text to .txt/.md first or leave it out');
    assert.equal(items[0]?.kind, 'file');
  });
});

describe('not-utf8', () => {
  it('points at the first invalid byte', async () => {
    const { skips } = await scanOne('latin1.txt', Buffer.from('line one\ncaf\xe9 au lait\n', 'latin1'));
    assert.deepEqual(
      { reason: only(skips).reason, message: only(skips).message },
      {
        reason: 'not-utf8',
        message: 'not valid UTF-8 at byte 12 (0xE9); the file is probably in another encoding such as Windows-1252 or Latin-1 — re-save it as UTF-8',
      },
    );
  });
  it('names UTF-16 files by their BOM', async () => {
    const { skips } = await scanOne('notes.txt', Buffer.from('\ufeffhello', 'utf16le'));
    assert.deepEqual([only(skips).reason, only(skips).message], ['not-utf8', 'file is UTF-16 LE text, not UTF-8; re-save it as UTF-8']);
  });
  it('skips only the bad JSONL line, with its file offset, and reads the next one', async () => {
    const good = '{"id":"a","text":"ok"}\n';
    const bad = Buffer.from('{"id":"b","text":"caf\xe9"}\n', 'latin1');
    const { skips, docs } = await scanOne('mixed.jsonl', Buffer.concat([Buffer.from(good), bad, Buffer.from('{"id":"c","text":"fine"}\n')]));
    const skip = only(skips);
    assert.equal(skip.locator, 'line 2');
    assert.match(skip.message, new RegExp(`^not valid UTF-8 at byte ${good.length + 21} \\(0xE9\\)`));
    assert.deepEqual(docs.map((d) => d.externalId), ['a', 'c']);
  });
});

describe('empty', () => {
  it('reports a 0-byte file', async () => {
    assert.equal(only((await scanOne('blank.txt', '')).skips).message, 'file is empty (0 bytes); add text or remove the file');
  });
  it('reports a whitespace-only file', async () => {
    const skip = only((await scanOne('spaces.md', ' \n\t\r\n')).skips);
    assert.deepEqual([skip.reason, skip.message], ['empty', 'file has no text (empty or whitespace only); add text or remove the file']);
  });
  it('reports a JSONL file of blank lines', async () => {
    assert.equal(only((await scanOne('x.jsonl', '\n  \n\n')).skips).message, 'file has no records (only blank lines); add one JSON object per line or remove the file');
  });
  it('reports a blank record at its line', async () => {
    const skip = only((await scanOne('x.jsonl', '{"id":1,"text":"a"}\n{"id":2,"text":" \\n "}\n')).skips);
    assert.deepEqual([skip.locator, skip.message], ['line 2', 'record has no text (empty or whitespace only); add text or remove the record']);
  });
});

describe('oversize', () => {
  it('skips a file over maxFileBytes before reading it, with size and limit', async () => {
    const { skips, items } = await scanOne('big.txt', 'x'.repeat(3000), { maxFileBytes: 2048 });
    assert.equal(items.length, 1, 'no file item: nothing is read');
    assert.equal(
      only(skips).message,
      'file is 2.9 KiB (3000 bytes), over the 2.0 KiB (2048 bytes) limit for files read whole (maxFileBytes); split it, convert it to JSONL (streamed, no file size limit) or raise maxFileBytes',
    );
  });
  it('does not apply maxFileBytes to streamed JSONL', async () => {
    const lines = Array.from({ length: 100 }, (_, k) => JSON.stringify({ id: k, text: `record ${k}` })).join('\n');
    const { docs, skips } = await scanOne('big.jsonl', lines, { maxFileBytes: 100 });
    assert.equal(docs.length, 100);
    assert.deepEqual(skips, []);
  });
  it('skips a document over maxDocumentChars', async () => {
    const skip = only((await scanOne('long.txt', 'abcdef', { maxDocumentChars: 5 })).skips);
    assert.deepEqual(
      [skip.reason, skip.message],
      ['oversize', 'file text is 6 characters, over the 5 limit (maxDocumentChars); split it into smaller documents or raise maxDocumentChars'],
    );
  });
  it('drops a JSONL line far over maxDocumentChars without buffering it, and reads on', async () => {
    const huge = JSON.stringify({ id: 'huge', text: 'y'.repeat(200_000) });
    const { docs, skips } = await scanOne('x.jsonl', `${huge}\n{"id":"next","text":"ok"}\n`, { maxDocumentChars: 10 });
    const skip = only(skips);
    assert.deepEqual([skip.reason, skip.locator], ['oversize', 'line 1']);
    assert.equal(skip.message, `line is ${huge.length} bytes, far over the 10-character document limit (maxDocumentChars); split the record or raise maxDocumentChars`);
    assert.deepEqual(docs.map((d) => d.externalId), ['next']);
  });
});

describe('unsupported', () => {
  it('reports an unknown extension with the supported list', async () => {
    assert.equal(
      only((await scanOne('slides.pptx', 'x')).skips).message,
      'unsupported file type ".pptx" (supported: .txt .md .markdown .html .htm .json .jsonl .ndjson .csv .tsv); convert it to one of these or leave it out',
    );
  });
  it('reports a file without extension, also inside folders, matching extensions case-insensitively', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'LICENSE'), 'MIT');
    await writeFile(join(dir, 'README.MD'), '# Upper');
    const items = await scanAll([dir]);
    assert.match(only(skipsOf(items)).message, /^file has no extension, so its format is unknown .*rename it, e\.g\. to \.txt if it is plain text$/);
    assert.deepEqual(docsOf(items).map((d) => d.title), ['Upper']);
  });

  it('reports a named pipe instead of blocking on it', { skip: process.platform === 'win32' && 'no FIFOs' }, async () => {
    const dir = await makeTempDir();
    const made = spawnSync('mkfifo', [join(dir, 'pipe.txt')]);
    if (made.status !== 0) return; // no mkfifo on this system: nothing to test
    await writeFile(join(dir, 'after.txt'), 'read');
    const items = await scanAll([dir]);
    assert.deepEqual(only(skipsOf(items)), {
      path: join(dir, 'pipe.txt'),
      reason: 'unsupported',
      message: 'not a regular file or folder (device, socket or pipe); leave it out',
    });
    assert.equal(docsOf(items).length, 1);
  });
});

describe('parse-error', () => {
  it('reports a broken JSONL line with its number and continues', async () => {
    const { skips, docs } = await scanOne('x.jsonl', '{"id":1,"text":"a"}\n{"id":2,"text":\n[1,2]\n{"id":3,"text":"c"}\n');
    assert.deepEqual(skips.map((s) => [s.locator, s.reason]), [['line 2', 'parse-error'], ['line 3', 'parse-error']]);
    assert.match(skips[0]!.message, /^invalid JSON: .*; fix or remove the line$/);
    assert.equal(skips[1]!.message, 'line holds an array; expected one {"id","title","text"} object per line');
    assert.deepEqual(docs.map((d) => d.externalId), ['1', '3']);
  });
});

describe('unreadable', () => {
  it('reports a missing path and keeps scanning the other arguments', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'ok.txt'), 'fine');
    const items = await scanAll([join(dir, 'nope'), join(dir, 'ok.txt')]);
    assert.deepEqual(only(skipsOf(items)), { path: join(dir, 'nope'), reason: 'unreadable', message: `no such file or folder: ${join(dir, 'nope')}; check the path` });
    assert.equal(docsOf(items).length, 1);
  });
  it('reports a file it has no permission to read', { skip: process.platform === 'win32' && 'no POSIX modes' }, async (t) => {
    const dir = await makeTempDir();
    await chmod(dir, 0o755);
    const path = join(dir, 'locked.txt');
    await writeFile(path, 'secret');
    await chmod(path, 0o000);
    // Root reads anything, so as root the scan runs in a child process as "nobody".
    if (isRoot() && !nobodyCanReach(require.resolve('./scan-sources'))) return t.skip('running as root and user nobody cannot reach this checkout, so a permission error cannot be produced');
    const items = isRoot() ? scanAsNobody([dir]) : await scanAll([dir]);
    const skip = only(skipsOf(items));
    assert.deepEqual(skip, { path, reason: 'unreadable', message: `permission denied reading ${path}; grant read access (chmod/ownership) or leave it out` });
  });
});

function scanAsNobody(paths: string[]): ScanItem[] {
  const script =
    `const { scanSources } = require(${JSON.stringify(require.resolve('./scan-sources'))});` +
    `(async () => { const out = []; for await (const i of scanSources(JSON.parse(process.argv[1]))) out.push(i);` +
    ` process.stdout.write(JSON.stringify(out)); })();`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(paths)], { uid: 65534, gid: 65534, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ScanItem[];
}

describe('duplicate-id', () => {
  it('keeps the first record with an id and skips later ones, in the same file or another', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'a.jsonl'), '{"id":"x","text":"first"}\n{"id":"x","text":"again"}\n');
    await writeFile(join(dir, 'b.csv'), 'id,text\nx,third\ny,fine\n');
    const items = await scanAll([dir]);
    assert.deepEqual(docsOf(items).map((d) => [d.externalId, d.content]), [['x', 'first'], ['y', 'fine']]);
    const [same, other] = skipsOf(items);
    assert.deepEqual([same?.locator, same?.message], ['line 2', 'id "x" was already used in this scan earlier in the same file; this one is skipped — give each record a unique id']);
    assert.deepEqual(
      [other?.locator, other?.message],
      ['row 2', `id "x" was already used in this scan by ${join(dir, 'a.jsonl')}; this one is skipped — give each record a unique id`],
    );
  });
  it('explains clashing relative paths from two folder arguments', async () => {
    const dir = await makeTempDir();
    for (const sub of ['v1', 'v2']) {
      await mkdir(join(dir, sub));
      await writeFile(join(dir, sub, 'readme.md'), `# ${sub}`);
    }
    const skip = only(skipsOf(await scanAll([join(dir, 'v1'), join(dir, 'v2')])));
    assert.equal(skip.reason, 'duplicate-id');
    assert.match(skip.message, /^id "readme\.md" was already used in this scan by .*v1.readme\.md; this one is skipped — files get ids relative to the folder argument/);
  });
});

import assert from 'node:assert/strict';
import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { FIXTURES, docsOf, makeTempDir, removeTempDirs, scanAll, skipsOf } from './readers/test-support';
import { planSources, resolveLimits } from './scan-sources';
import type { ScanItem } from './types';

after(removeTempDirs);

const CORPUS = join(FIXTURES, 'corpus');

/** One short line per item, paths relative to `root`, so expectations read like a listing. */
function outline(items: ScanItem[], root: string): string[] {
  return items.map((i) => {
    if (i.kind === 'file') return `file ${relative(root, i.path)}`;
    if (i.kind === 'document') return `doc ${i.doc.externalId} | ${i.doc.title}${i.doc.locator ? ` @ ${i.doc.locator}` : ''}`;
    return `skip ${i.skip.reason} ${relative(root, i.skip.path)}${i.skip.locator ? ` @ ${i.skip.locator}` : ''}`;
  });
}

describe('scanSources on the committed fixture corpus', () => {
  it('yields every format in sorted depth-first order, skipping hidden entries', async () => {
    assert.deepEqual(outline(await scanAll([CORPUS]), CORPUS), [
      'skip unsupported diagram.svg',
      'file guides/advanced/backfill.markdown',
      'doc guides/advanced/backfill.markdown | Backfill',
      'file guides/getting-started.md',
      'doc guides/getting-started.md | Getting Started',
      'file items.json',
      'doc j-1 | JSON one @ item 1',
      'doc items.json:2 | JSON two without id @ item 2',
      'skip parse-error items.json @ item 3',
      'file notes.txt',
      'doc notes.txt | notes',
      'file page.html',
      'doc page.html | Fish & Chips – A History',
      'file records.jsonl',
      'doc r-1 | First record @ line 1',
      'doc 2 | Second via name @ line 2',
      'doc records.jsonl:4 | No id here @ line 4',
      'skip parse-error records.jsonl @ line 5',
      'skip empty records.jsonl @ line 6',
      'doc r-6 | r-6 @ line 7',
      'file table.csv',
      'doc c-1 | Comma, inside @ row 2',
      'doc c-2 | Multi-line @ row 3',
      'doc c-3 | c-3 @ row 4 (line 5)',
    ]);
  });

  it('is deterministic: two scans give identical items', async () => {
    assert.deepEqual(await scanAll([CORPUS]), await scanAll([CORPUS]));
  });

  it('orders names by code unit, independent of creation order and locale', async () => {
    const dir = await makeTempDir();
    for (const name of ['é.txt', 'b.txt', '10.txt', 'B.txt', '2.txt', 'a b.txt']) await writeFile(join(dir, name), name);
    const ids = docsOf(await scanAll([dir])).map((d) => d.externalId);
    assert.deepEqual(ids, ['10.txt', '2.txt', 'B.txt', 'a b.txt', 'b.txt', 'é.txt']);
  });

  it('extracts visible HTML text with entities decoded and scripts dropped', async () => {
    const [doc] = docsOf(await scanAll([join(CORPUS, 'page.html')]));
    assert.equal(doc?.content, 'Ignored because title wins\n\nCod <3 haddock, "crispy" \'batter\' and salt.\n\nFirst\nSecond — last\n\nPrice: 5€ link');
  });

  it('keeps CSV quoting intact: commas, doubled quotes, newlines', async () => {
    const docs = docsOf(await scanAll([join(CORPUS, 'table.csv')]));
    assert.deepEqual(docs.map((d) => d.content), ['He said "hi", then left.', 'Line one\nLine two', 'Plain third row']);
  });

  it('gives each document the absolute source path of its file', async () => {
    const docs = docsOf(await scanAll([CORPUS]));
    assert.ok(docs.every((d) => d.sourcePath.startsWith(CORPUS + '/') || d.sourcePath.startsWith(CORPUS + '\\')));
  });

  it('emits a file item with the size on disk before the documents of that file', async () => {
    const items = await scanAll([join(CORPUS, 'notes.txt')]);
    assert.deepEqual(items[0], { kind: 'file', path: join(CORPUS, 'notes.txt'), bytes: (await stat(join(CORPUS, 'notes.txt'))).size });
    assert.equal(items[1]?.kind, 'document');
  });
});

describe('formats', () => {
  it('reads every supported extension, case-insensitively', async () => {
    const dir = await makeTempDir();
    const files: Record<string, string> = {
      'a.txt': 'plain', 'b.MD': '# B', 'c.markdown': '# C', 'd.html': '<p>d</p>', 'e.HTM': '<p>e</p>',
      'f.json': '{"text":"f"}', 'g.jsonl': '{"text":"g"}', 'h.ndjson': '{"text":"h"}', 'i.csv': 'text\ni', 'j.tsv': 'text\nj',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const items = await scanAll([dir]);
    assert.deepEqual(skipsOf(items), []);
    assert.deepEqual(docsOf(items).map((d) => d.externalId), [
      'a.txt', 'b.MD', 'c.markdown', 'd.html', 'e.HTM', 'f.json', 'g.jsonl:1', 'h.ndjson:1', 'i.csv:2', 'j.tsv:2',
    ]);
  });
});

describe('externalId stability', () => {
  it('uses the path relative to the folder argument, or the basename for a file argument', async () => {
    const sub = join(CORPUS, 'guides');
    assert.deepEqual(docsOf(await scanAll([sub])).map((d) => d.externalId), ['advanced/backfill.markdown', 'getting-started.md']);
    assert.deepEqual(docsOf(await scanAll([join(sub, 'advanced', 'backfill.markdown')])).map((d) => d.externalId), ['backfill.markdown']);
  });

  it('does not depend on how the folder was written or on other files appearing', async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'one.txt'), 'one');
    const before = docsOf(await scanAll([join(dir, 'a')])).map((d) => d.externalId);
    await writeFile(join(dir, 'a', '0-first.txt'), 'new file sorting first');
    const after = docsOf(await scanAll([join(dir, 'a', '..', 'a', '')])).map((d) => d.externalId);
    assert.deepEqual(before, ['one.txt']);
    assert.deepEqual(after, ['0-first.txt', 'one.txt']);
    const relativeArg = relative(process.cwd(), join(dir, 'a'));
    assert.deepEqual(docsOf(await scanAll([relativeArg])).map((d) => d.externalId), after);
  });
});

describe('walking', () => {
  it('reads a hidden file when it is named explicitly', async () => {
    assert.deepEqual(docsOf(await scanAll([join(CORPUS, '.dotfile.txt')])).map((d) => d.externalId), ['.dotfile.txt']);
  });

  it('follows links but never loops, and reports a file reached twice', async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'a.txt'), 'alpha');
    await symlink('..', join(dir, 'docs', 'up'));
    await symlink('a.txt', join(dir, 'docs', 'b-link.txt'));
    const items = await scanAll([dir]);
    assert.deepEqual(outline(items, dir), ['file docs/a.txt', 'doc docs/a.txt | a', 'skip duplicate-id docs/b-link.txt']);
    assert.match(skipsOf(items)[0]?.message ?? '', /^same file as .*a\.txt \(reached again through another argument or a symbolic link\); skipped so it is not imported twice$/);
  });

  it('reads a file once when overlapping arguments name it twice', async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'x.md'), '# X\n');
    const items = await scanAll([dir, join(dir, 'sub'), join(dir, 'sub', 'x.md')]);
    assert.deepEqual(outline(items, dir), ['file sub/x.md', 'doc sub/x.md | X', 'skip duplicate-id sub/x.md']);
  });

  it('reports broken links and link loops as unreadable, and carries on', async () => {
    const dir = await makeTempDir();
    await symlink('missing.txt', join(dir, 'broken.txt'));
    await symlink('loop-b.txt', join(dir, 'loop-a.txt'));
    await symlink('loop-a.txt', join(dir, 'loop-b.txt'));
    await writeFile(join(dir, 'z.txt'), 'still read');
    const items = await scanAll([dir]);
    assert.deepEqual(outline(items, dir), [
      'skip unreadable broken.txt',
      'skip unreadable loop-a.txt',
      'skip unreadable loop-b.txt',
      'file z.txt',
      'doc z.txt | z',
    ]);
    const [broken, loop] = skipsOf(items);
    assert.equal(broken?.message, `broken symbolic link: ${join(dir, 'broken.txt')} points to a missing target; fix or remove the link`);
    assert.equal(loop?.message, `symbolic link loop at ${join(dir, 'loop-a.txt')}; fix or remove the link`);
  });
});

describe('line endings and BOM', () => {
  it('normalises CRLF and strips a UTF-8 BOM in plain files', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'win.md'), '\ufeff# Windows Title\r\n\r\nBody line\r\nnext\rold mac\r\n');
    const [doc] = docsOf(await scanAll([join(dir, 'win.md')]));
    assert.equal(doc?.title, 'Windows Title');
    assert.equal(doc?.content, '# Windows Title\n\nBody line\nnext\nold mac\n');
  });

  it('reads CRLF CSV with a BOM before the header and CRLF inside quotes', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'x.csv'), '\ufeffid,text\r\n1,"a\r\nb"\r\n2,c\r\n');
    const docs = docsOf(await scanAll([join(dir, 'x.csv')]));
    assert.deepEqual(docs.map((d) => [d.externalId, d.content]), [['1', 'a\nb'], ['2', 'c']]);
  });

  it('strips a BOM on the first JSONL line and CRs at line ends', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'x.jsonl'), '\ufeff{"id":"a","text":"one"}\r\n{"id":"b","text":"two"}\r\n');
    assert.deepEqual(docsOf(await scanAll([join(dir, 'x.jsonl')])).map((d) => d.content), ['one', 'two']);
  });
});

describe('planSources', () => {
  it('counts the files and bytes a scan will read, without reading them', async () => {
    const plan = await planSources([CORPUS, join(CORPUS, 'nope')]);
    const items = await scanAll([CORPUS]);
    const files = items.flatMap((i) => (i.kind === 'file' ? [i.bytes] : []));
    assert.equal(plan.files, files.length);
    assert.equal(plan.bytes, files.reduce((a, b) => a + b, 0));
    assert.deepEqual(Object.keys(plan.byFormat).sort(), ['csv', 'html', 'json', 'jsonl', 'markdown', 'text']);
    assert.equal(plan.byFormat.markdown?.files, 2);
    assert.equal(plan.skippedBeforeRead, 1);
    assert.deepEqual(plan.unreadable, [join(CORPUS, 'nope')]);
  });
});

describe('resolveLimits', () => {
  it('applies defaults and rejects nonsense', () => {
    assert.deepEqual(resolveLimits(), { maxFileBytes: 64 * 1024 * 1024, maxDocumentChars: 5_000_000 });
    assert.throws(() => resolveLimits({ maxFileBytes: 0 }), RangeError);
    assert.throws(() => resolveLimits({ maxDocumentChars: Number.NaN }), RangeError);
  });
});

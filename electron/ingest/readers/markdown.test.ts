import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownReader, markdownTitle } from './markdown';
import { readerContext } from './test-support';

describe('markdownTitle', () => {
  it('takes the first level-1 ATX heading and drops closing hashes', () => {
    assert.equal(markdownTitle('intro\n## Sub\n# Main Title ##\n# Later'), 'Main Title');
  });
  it('ignores headings inside fenced code and front matter', () => {
    const md = '---\n# yaml comment\ntitle: x\n---\n```sh\n# shell comment\n```\n~~~\n# also code\n~~~\n# Real';
    assert.equal(markdownTitle(md), 'Real');
  });
  it('does not treat "#hashtag" or an empty "#" as a heading', () => {
    assert.equal(markdownTitle('#hashtag\n#\n#   \ntext'), undefined);
  });
  it('accepts a setext heading and cleans links and emphasis', () => {
    assert.equal(markdownTitle('The *[Big](http://x)* `Idea`\n===\n'), 'The Big Idea');
  });
  it('keeps a trailing hash that belongs to a word', () => {
    assert.equal(markdownTitle('# Notes on C#'), 'Notes on C#');
  });
});

describe('markdownReader', () => {
  it('keeps the content as written and falls back to the file name for the title', () => {
    const ctx = readerContext({ fileName: 'release.notes.md', fileKey: 'docs/release.notes.md' });
    const [item] = [...markdownReader.read('Some *text* with no heading.\n', ctx)];
    assert.deepEqual(item, {
      kind: 'document',
      doc: { externalId: 'docs/release.notes.md', title: 'release.notes', sourcePath: ctx.path, content: 'Some *text* with no heading.\n' },
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractHtml, htmlReader } from './html';
import { decodeEntities } from './html-entities';
import { readerContext } from './test-support';

describe('decodeEntities', () => {
  it('decodes the common named references and leaves unknown ones alone', () => {
    assert.equal(decodeEntities('&amp; &lt; &gt; &quot; &#39; &apos;&nbsp;&bogus; &amp'), `& < > " ' ' &bogus; &amp`);
  });
  it('decodes decimal and hex references, mapping 0x80–0x9F as Windows-1252', () => {
    assert.equal(decodeEntities('&#65;&#x42;&#X43; &#128512; &#150; &#x93;q&#x94;'), 'ABC 😀 – “q”');
  });
  it('replaces impossible code points with U+FFFD', () => {
    assert.equal(decodeEntities('&#0;&#xD800;&#x110000;'), '\ufffd\ufffd\ufffd');
  });
});

describe('extractHtml', () => {
  it('drops head, scripts, styles and comments, and keeps the title', () => {
    const page = extractHtml(
      '<html><head><title> My\n Page </title><style>p{}</style></head>' +
        '<body><script>var s = "<p>no</p>";</script><!-- <p>no</p> --><p>yes</p></body></html>',
    );
    assert.deepEqual(page, { text: 'yes', title: 'My Page', h1: '' });
  });
  it('turns blocks into line breaks with at most one blank line between them', () => {
    const { text } = extractHtml('<div>a</div><div>b<br>c</div><p>d</p>\n\n<p>e</p><ul><li>f</li><li>g</li></ul><table><tr><td>h</td><td>i</td></tr></table>');
    assert.equal(text, 'a\nb\nc\n\nd\n\ne\n\nf\ng\n\nh i');
  });
  it('collapses whitespace in prose but keeps it inside <pre>', () => {
    const { text } = extractHtml('<p>  one\n   two  </p><pre>\n  x = 1\n    y = 2</pre>');
    assert.equal(text, 'one two\n\n  x = 1\n    y = 2');
  });
  it('captures the first <h1> as a title candidate', () => {
    assert.equal(extractHtml('<h1>Main <em>thing</em> &amp; more</h1><h1>Second</h1>').h1, 'Main thing & more');
  });
  it('survives sloppy markup: bare "<", ">" inside quoted attributes, an unclosed <svg>', () => {
    const { text } = extractHtml('<p title="a > b">x < y</p><svg/><p>after svg</p><img alt=\'it>s\'>tail');
    assert.equal(text, 'x < y\n\nafter svg\n\ntail');
  });
  it('ends an implicit head at the first body element', () => {
    assert.equal(extractHtml('<head><title>T</title><p>visible').text, 'visible');
  });
});

describe('htmlReader', () => {
  it('uses the h1 when there is no title, and the file name when there is neither', () => {
    const ctx = readerContext({ fileName: 'about-us.html', fileKey: 'about-us.html' });
    const [a] = [...htmlReader.read('<h1>About</h1><p>x</p>', ctx)];
    const [b] = [...htmlReader.read('<p>x</p>', ctx)];
    assert.equal(a?.kind === 'document' && a.doc.title, 'About');
    assert.equal(b?.kind === 'document' && b.doc.title, 'about-us');
  });
  it('skips a page with no visible text', () => {
    const [item] = [...htmlReader.read('<html><head><title>T</title></head><body><script>x()</script></body></html>', readerContext())];
    assert.equal(item?.kind, 'skipped');
    assert.equal(item?.kind === 'skipped' && item.skip.reason, 'empty');
    assert.match(item?.kind === 'skipped' ? item.skip.message : '', /^page has no visible text/);
  });
});

/**
 * Reader for .html/.htm: keeps what a reader of the page would see. Scripts, styles and the head
 * are dropped, block elements become line breaks, and entities are decoded, so chunks and citations
 * hold prose rather than markup.
 */
import { decodeEntities } from './html-entities';
import { finishDocument, oneLine, stripExtension } from './records';
import type { WholeFileReader } from './types';

/** HTML: visible text; title from `<title>`, else the first `<h1>`, else the file name. */
export const htmlReader: WholeFileReader = {
  format: 'html',
  mode: 'whole',
  *read(text, ctx) {
    const page = extractHtml(text);
    const title = page.title || page.h1 || stripExtension(ctx.fileName);
    yield finishDocument(
      ctx,
      { externalId: ctx.fileKey, title, content: page.text },
      'page has no visible text (only markup, scripts or styles); add body text or remove the file',
    );
  },
};

/** Visible text and title candidates of an HTML page. */
export interface HtmlText {
  /** Visible text, one blank line at most between blocks. */
  text: string;
  /** Text of the first `<title>`, whitespace collapsed ('' when absent). */
  title: string;
  /** Text of the first `<h1>`, whitespace collapsed ('' when absent). */
  h1: string;
}

// Elements whose content is never shown as text.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math']);
// Elements allowed inside <head>; any other start tag means the body has begun.
const HEAD_ONLY = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template']);
// Blocks that read as paragraphs: a blank line around them.
const PARAGRAPH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'hr', 'figure',
  'section', 'article', 'header', 'footer', 'nav', 'main', 'aside', 'form', 'fieldset', 'address', 'details',
]);
// Blocks that read as lines: a single line break around them.
const LINE = new Set(['br', 'div', 'li', 'dt', 'dd', 'tr', 'caption', 'figcaption', 'summary', 'legend', 'option', 'body']);

/** Extracts visible text and title candidates; tolerant of malformed markup (never throws). */
export function extractHtml(html: string): HtmlText {
  const out = new TextBuilder();
  let title = '';
  let h1: string | undefined;
  let h1Open = false;
  let inHead = false;
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = html.slice(i, textEnd);
      if (!inHead) out.text(raw);
      if (h1Open) h1 = (h1 ?? '') + raw;
    }
    if (lt < 0) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(i, i + 64));
    if (!tag) {
      if (html[i + 1] === '!' || html[i + 1] === '?') {
        i = skipTag(html, i); // doctype, CDATA, processing instruction
      } else {
        if (!inHead) out.text('<'); // a bare "<" in prose, e.g. "a < b"
        i++;
      }
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    i = skipTag(html, i + tag[0].length);
    const selfClosing = html[i - 2] === '/';
    if (!closing && !selfClosing && (HIDDEN.has(name) || name === 'title')) {
      // Raw text: the content is not markup, so jump straight to the matching end tag. Without one,
      // skip nothing: dropping the rest of the page over a sloppy <svg> would lose real text.
      const end = findEndTag(html, name, i);
      if (end >= 0) {
        if (name === 'title' && !title) title = oneLine(decodeEntities(html.slice(i, end)));
        i = skipTag(html, end);
      }
      continue;
    }
    if (name === 'head') inHead = !closing;
    // The head also ends implicitly at the first element that cannot live in it.
    else if (inHead && !closing && !HEAD_ONLY.has(name)) inHead = false;
    if (name === 'h1' && h1 === undefined && !closing) h1Open = true;
    else if (name === 'h1' && closing) h1Open = false;
    if (name === 'pre') out.pre(!closing);
    if (PARAGRAPH.has(name)) out.breakLine(2);
    else if (LINE.has(name)) out.breakLine(1);
    else if (name === 'td' || name === 'th') out.text(' ');
  }
  return { text: out.finish(), title, h1: oneLine(decodeEntities(h1 ?? '')) };
}

/** Index just past the `>` that ends a tag starting before `from`; quoted attribute values may hold `>`. */
function skipTag(html: string, from: number): number {
  let prev = '';
  for (let i = from; i < html.length; i++) {
    const c = html[i]!;
    if (c === '>') return i + 1;
    // Only a quote right after `=` opens a value; a stray quote elsewhere must not swallow the page.
    if ((c === '"' || c === "'") && prev === '=') {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return html.length;
      i = close;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n') prev = c;
  }
  return html.length;
}

/** Start of `</name` (case-insensitive) at or after `from`, or -1. */
function findEndTag(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}(?=[\\s/>])`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index : -1;
}

/** Accumulates text with HTML whitespace rules and deferred line breaks. */
class TextBuilder {
  private readonly parts: string[] = [];
  private last = ''; // last character written, '' at start
  private pendingBreaks = 0;
  private preDepth = 0;
  private dropNewline = false;

  text(raw: string): void {
    if (this.preDepth > 0) {
      // The first newline right after <pre> is markup, not content.
      let t = this.dropNewline && raw.startsWith('\n') ? raw.slice(1) : raw;
      this.dropNewline = false;
      t = decodeEntities(t);
      if (t) this.write(t);
      return;
    }
    // Collapse before decoding so &nbsp; runs survive as spaces.
    const t = decodeEntities(raw.replace(/[ \t\n\r\f]+/g, ' '));
    if (t === ' ') {
      if (this.pendingBreaks === 0 && this.last !== '' && this.last !== ' ' && this.last !== '\n') this.write(' ');
      return;
    }
    if (t) this.write(t);
  }

  breakLine(count: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
  }

  pre(open: boolean): void {
    this.preDepth = Math.max(0, this.preDepth + (open ? 1 : -1));
    this.dropNewline = open;
  }

  finish(): string {
    return this.parts
      .join('')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private write(t: string): void {
    let s = t;
    if (this.pendingBreaks > 0) {
      if (this.last !== '') this.parts.push('\n'.repeat(this.pendingBreaks));
      this.pendingBreaks = 0;
      this.last = '\n';
    }
    if ((this.last === '' || this.last === '\n') && this.preDepth === 0) s = s.replace(/^ +/, '');
    if (!s) return;
    this.parts.push(s);
    this.last = s[s.length - 1]!;
  }
}

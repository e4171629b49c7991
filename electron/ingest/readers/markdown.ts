/**
 * Reader for .md/.markdown. The content stays as written (markdown reads fine as plain text and
 * keeps citations faithful to the file); only the title is extracted.
 */
import { finishDocument, oneLine, stripExtension } from './records';
import type { WholeFileReader } from './types';

/** Markdown: content as written, title from the first level-1 heading, else the file name. */
export const markdownReader: WholeFileReader = {
  format: 'markdown',
  mode: 'whole',
  *read(text, ctx) {
    const title = markdownTitle(text) ?? stripExtension(ctx.fileName);
    yield finishDocument(ctx, { externalId: ctx.fileKey, title, content: text });
  },
};

/**
 * First level-1 heading: ATX (`# Title`) or setext (`Title` over `===`). Lines inside fenced code
 * and YAML front matter are ignored, because `# comment` there is not a heading.
 */
export function markdownTitle(text: string): string | undefined {
  const lines = text.split('\n');
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i = end + 1;
  }
  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      const marker = f[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = /^ {0,3}#(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (atx) {
      // A closing run of #s is decoration, not part of the title.
      const title = cleanInline((atx[1] ?? '').replace(/(?:^|[ \t]+)#+$/, ''));
      if (title) return title;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && /^ {0,3}=+[ \t]*$/.test(next) && line.trim() && !/^ {4}/.test(line)) {
      const title = cleanInline(line);
      if (title) return title;
    }
  }
  return undefined;
}

// Titles appear in lists and citations, so drop link targets and emphasis markers.
function cleanInline(raw: string): string {
  return oneLine(raw.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]+/g, ''));
}

/**
 * Reader for .json: one record object, or an array of them. The whole file is parsed at once, so it
 * is subject to maxFileBytes; large corpora belong in JSONL, which is streamed.
 */
import { kindOf, recordToItem, skip } from './records';
import type { WholeFileReader } from './types';

/** JSON: `{id,title,text}` or `[{…}, …]` with the same field aliases as JSONL. */
export const jsonReader: WholeFileReader = {
  format: 'json',
  mode: 'whole',
  *read(text, ctx) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield skip(ctx, 'parse-error', `invalid JSON: ${jsonErrorDetail(err, text)}; fix the syntax (or use JSONL, one object per line)`);
      return;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        yield skip(ctx, 'empty', 'JSON array has no records; add records or remove the file');
        return;
      }
      for (let k = 0; k < value.length; k++) {
        const item: unknown = value[k];
        const pos = { number: k + 1, locator: `item ${k + 1}` };
        if (isRecord(item)) yield recordToItem(ctx, item, pos);
        else yield skip(ctx, 'parse-error', `array item is ${kindOf(item)}, not an object; make every item an {"id","title","text"} object`, pos.locator);
      }
    } else if (isRecord(value)) {
      // A single object is the file's own document, so it falls back to the file's id.
      yield recordToItem(ctx, value, null);
    } else {
      yield skip(ctx, 'parse-error', `JSON holds ${kindOf(value)}; expected an {"id","title","text"} object or an array of them`);
    }
  },
};

/** True for plain JSON objects (not arrays or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The parser's message with its character position turned into a line number, which is what an
 * editor shows (when `text` is given). V8 may quote the input in the message, so it is capped.
 */
export function jsonErrorDetail(err: unknown, text?: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const short = message.length > 160 ? `${message.slice(0, 157)}...` : message;
  const pos = /at position (\d+)/.exec(message);
  if (!pos || text === undefined) return short;
  const offset = Number(pos[1]);
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return `${short} (line ${line})`;
}

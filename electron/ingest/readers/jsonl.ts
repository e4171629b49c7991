/**
 * Reader for .jsonl/.ndjson, the bulk format: one `{"id","title","text"}` object per line. Streamed,
 * so file size is bounded by disk, not memory; a bad line is reported and the next one is read.
 */
import { decodeUtf8, notUtf8Message } from './decode-text';
import { isRecord, jsonErrorDetail } from './json';
import { readLines } from './line-stream';
import { kindOf, recordToItem, skip } from './records';
import type { StreamReader } from './types';

// Bytes a line may hold before it is dropped unread: UTF-8 needs at most 3 bytes per UTF-16 unit,
// plus room for the JSON around the text. Lines under the cap are still checked by content length.
const BYTES_PER_CHAR = 4;
const LINE_SLACK_BYTES = 64 * 1024;

/** JSONL/NDJSON: one record per line; blank lines are ignored. */
export const jsonlReader: StreamReader = {
  format: 'jsonl',
  mode: 'stream',
  async *read(ctx) {
    const maxChars = ctx.limits.maxDocumentChars;
    let records = 0;
    for await (const line of readLines(ctx.path, maxChars * BYTES_PER_CHAR + LINE_SLACK_BYTES)) {
      const locator = `line ${line.number}`;
      if (line.bytes === null) {
        records++;
        yield skip(
          ctx,
          'oversize',
          `line is ${line.length} bytes, far over the ${maxChars}-character document limit (maxDocumentChars); ` +
            `split the record or raise maxDocumentChars`,
          locator,
        );
        continue;
      }
      const decoded = decodeUtf8(line.bytes);
      if (!decoded.ok) {
        records++;
        yield skip(ctx, 'not-utf8', notUtf8Message(line.offset + decoded.offset, decoded.byte), locator);
        continue;
      }
      if (!/\S/.test(decoded.text)) continue;
      records++;
      let value: unknown;
      try {
        value = JSON.parse(decoded.text);
      } catch (err) {
        yield skip(ctx, 'parse-error', `invalid JSON: ${jsonErrorDetail(err)}; fix or remove the line`, locator);
        continue;
      }
      if (!isRecord(value)) {
        yield skip(ctx, 'parse-error', `line holds ${kindOf(value)}; expected one {"id","title","text"} object per line`, locator);
        continue;
      }
      yield recordToItem(ctx, value, { number: line.number, locator });
    }
    if (records === 0) {
      yield skip(ctx, 'empty', 'file has no records (only blank lines); add one JSON object per line or remove the file');
    }
  },
};

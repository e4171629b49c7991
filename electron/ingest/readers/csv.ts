/**
 * Reader for .csv and .tsv: a header row names the columns; each later row is a record with the
 * same id/title/text aliases as JSONL. Read whole, so subject to maxFileBytes.
 */
import { parseDelimited } from './csv-parse';
import { TEXT_FIELDS, findField, recordToItem, skip } from './records';
import type { ReaderContext, ReaderItem, SourceFormat, WholeFileReader } from './types';

function delimitedReader(format: SourceFormat, delimiter: ',' | '\t'): WholeFileReader {
  return { format, mode: 'whole', read: (text, ctx) => readDelimited(text, ctx, delimiter) };
}

/** Comma-separated values (RFC 4180 quoting). */
export const csvReader = delimitedReader('csv', ',');
/** Tab-separated values; quoting works as in CSV, as spreadsheet exports write it. */
export const tsvReader = delimitedReader('tsv', '\t');

function* readDelimited(text: string, ctx: ReaderContext, delimiter: ',' | '\t'): Generator<ReaderItem> {
  const kind = delimiter === ',' ? 'comma' : 'tab';
  let header: string[] | undefined;
  let records = 0;
  for (const rec of parseDelimited(text, delimiter)) {
    const locator = rec.row === rec.line ? `row ${rec.row}` : `row ${rec.row} (line ${rec.line})`;
    if (header === undefined) {
      if (rec.error) {
        yield skip(ctx, 'parse-error', `header row is malformed: ${rec.error}`);
        return;
      }
      if (findField(rec.fields, TEXT_FIELDS) < 0) {
        const found = rec.fields.slice(0, 10).map((f) => JSON.stringify(f.trim())).join(', ');
        yield skip(
          ctx,
          'parse-error',
          `no text column in the header row (found ${found}); the first row must name the columns, ` +
            `with one called "text" (or content, contents, body), and optionally "id" and "title"`,
        );
        return;
      }
      header = rec.fields.map((f) => f.trim());
      continue;
    }
    if (rec.fields.length === 1 && rec.fields[0] === '' && !rec.error) continue; // blank line
    records++;
    if (rec.error) {
      yield skip(ctx, 'parse-error', rec.error, locator);
      continue;
    }
    if (rec.fields.length > header.length) {
      yield skip(
        ctx,
        'parse-error',
        `row has ${rec.fields.length} fields but the header has ${header.length}; ` +
          `put fields that contain a ${kind} in double quotes`,
        locator,
      );
      continue;
    }
    // No prototype: a column named "__proto__" must stay an ordinary key.
    const record = Object.create(null) as Record<string, string>;
    // Short rows are padded: trailing empty fields are often left out by hand-written files.
    header.forEach((name, k) => {
      if (!(name in record)) record[name] = rec.fields[k] ?? '';
    });
    yield recordToItem(ctx, record, { number: rec.row, locator });
  }
  if (header === undefined) {
    yield skip(ctx, 'empty', 'file has no header row; add a header (e.g. id,title,text) and rows');
  } else if (records === 0) {
    yield skip(ctx, 'empty', 'file has a header but no rows; add rows or remove the file');
  }
}

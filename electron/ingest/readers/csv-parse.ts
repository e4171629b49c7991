/**
 * RFC 4180 record splitter: quoted fields may hold the delimiter, doubled quotes and newlines.
 * Written as a single linear pass so a large file with one column cannot turn quadratic.
 */

/** One record (a header or data row) of a delimited file. */
export interface DelimitedRecord {
  /** Field values, quotes removed. */
  fields: string[];
  /** 1-based record number; the header is row 1, as in a spreadsheet. */
  row: number;
  /** 1-based line where the record starts (differs from `row` after quoted newlines). */
  line: number;
  /** Set when the record is malformed; the fields are a best-effort recovery. */
  error?: string;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Splits `\n`-normalised text into records. Never throws; problems are reported per record. */
export function* parseDelimited(text: string, delimiter: ',' | '\t'): Generator<DelimitedRecord> {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let row = 0;
  while (i < n) {
    const startLine = line;
    row++;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        value = '';
        let closed = false;
        i++;
        while (i < n) {
          const q = text.indexOf('"', i);
          const stop = q < 0 ? n : q;
          line += countNewlines(text, i, stop);
          value += text.slice(i, stop);
          if (q < 0) {
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          error ??= `unterminated quoted field ${fields.length + 1} starting on line ${quoteLine}; close the quote (write a literal quote as "")`;
        } else if (i < n && text.charCodeAt(i) !== delim && text.charCodeAt(i) !== NEWLINE) {
          // Text after a closing quote: usually an inner quote that was not doubled. Keep it, report it.
          error ??= `unexpected text after the closing quote of field ${fields.length + 1}; write a quote inside a quoted field as ""`;
          const end = scanUnquoted(text, i, delim);
          value += text.slice(i, end);
          i = end;
        }
      } else {
        const end = scanUnquoted(text, i, delim);
        value = text.slice(i, end);
        i = end;
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        if (i === n) fields.push(''); // a trailing delimiter ends with an empty field
        if (i < n) continue;
      } else if (i < n) {
        i++; // the newline that ends the record
        line++;
      }
      break;
    }
    yield error === undefined ? { fields, row, line: startLine } : { fields, row, line: startLine, error };
  }
}

function scanUnquoted(text: string, from: number, delim: number): number {
  let k = from;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === delim || c === NEWLINE) break;
    k++;
  }
  return k;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === NEWLINE) count++;
  return count;
}

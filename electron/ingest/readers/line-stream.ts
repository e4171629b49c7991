/**
 * Splits a file into lines at the byte level while streaming. Working on bytes (rather than
 * readline's decoded strings) lets each line be decoded strictly, so invalid UTF-8 is reported with
 * its file offset instead of being silently replaced, and lets an absurdly long line be dropped
 * without ever holding it in memory.
 */
import { createReadStream } from 'node:fs';

/** One line of a file. */
export interface RawLine {
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** The line without its `\n` or `\r\n`; null when it was longer than the cap and was dropped. */
  bytes: Buffer | null;
  /** Length in bytes (also counted for dropped lines). */
  length: number;
}

/** Streams lines of at most `maxLineBytes`; longer lines come back with `bytes: null`. */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<RawLine> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let parts: Buffer[] = [];
  let length = 0;
  let dropped = false;
  let number = 1;
  let lineOffset = 0;
  let chunkOffset = 0;

  const take = (): RawLine => {
    let bytes: Buffer | null = null;
    if (!dropped) {
      bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    }
    const line = { number, offset: lineOffset, bytes, length };
    parts = [];
    length = 0;
    dropped = false;
    return line;
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const piece = chunk.subarray(from, nl < 0 ? chunk.length : nl);
      if (!dropped && length + piece.length > maxLineBytes) {
        dropped = true;
        parts = [];
      }
      if (!dropped && piece.length > 0) parts.push(piece);
      length += piece.length;
      if (nl < 0) break;
      yield take();
      number++;
      lineOffset = chunkOffset + nl + 1;
      from = nl + 1;
    }
    chunkOffset += chunk.length;
  }
  // A last line without a trailing newline still counts.
  if (length > 0 || dropped) yield take();
}

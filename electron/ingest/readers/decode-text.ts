/**
 * Strict UTF-8 decoding. Replacement characters would silently corrupt citations, so invalid input
 * is rejected, and the first bad byte is located so the message can point at it.
 */

// fatal: throw instead of inserting U+FFFD. ignoreBOM is false by default, so a leading BOM is dropped.
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decoded text, or the offset and value of the first byte that is not valid UTF-8. */
export type DecodeResult = { ok: true; text: string } | { ok: false; offset: number; byte: number };

/** Decodes strictly; a leading UTF-8 BOM is removed. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: strictDecoder.decode(bytes) };
  } catch {
    // TextDecoder does not say where it failed; find it ourselves (only on this slow path).
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    return { ok: false, offset, byte: bytes[offset] ?? 0 };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1 when all bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // Tight ranges for the second byte reject overlong forms, UTF-16 surrogates and values past U+10FFFF.
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // sequence cut off by the end of the input
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** `\r\n` and lone `\r` become `\n`; a stray BOM left at the start is removed. */
export function normaliseNewlines(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/** Skip message for invalid UTF-8 at a byte offset of the file. */
export function notUtf8Message(offset: number, byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return (
    `not valid UTF-8 at byte ${offset} (0x${hex}); the file is probably in another encoding ` +
    `such as Windows-1252 or Latin-1 — re-save it as UTF-8`
  );
}

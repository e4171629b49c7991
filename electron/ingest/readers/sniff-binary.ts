/**
 * Tells text from binary by looking at the first bytes, so a PDF renamed to .txt is reported as
 * "binary (PDF)" instead of being imported as garbage or failing later as "not UTF-8".
 */

/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 8192;

/** Verdict for a file head: text, binary (with a label for the message) or UTF-16 text. */
export type SniffResult =
  | { kind: 'text' }
  | { kind: 'binary'; label: string; nulAt?: number }
  | { kind: 'utf16'; label: string };

// Magic numbers of formats people commonly drop into a documents folder by mistake.
const MAGIC: ReadonlyArray<{ label: string; bytes: number[] }> = [
  { label: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { label: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { label: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { label: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { label: 'ZIP archive, e.g. .docx/.xlsx/.epub', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { label: 'gzip archive', bytes: [0x1f, 0x8b] },
  { label: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { label: 'legacy Office document (.doc/.xls/.ppt)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { label: 'SQLite database', bytes: [...Buffer.from('SQLite format 3\0', 'latin1')] },
  { label: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** Classifies a file from its head (at most SNIFF_BYTES are examined). */
export function sniffBinary(head: Uint8Array): SniffResult {
  // UTF-16 is text, but has NULs everywhere; say what it is so the fix ("save as UTF-8") is obvious.
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', label: 'UTF-16 LE' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', label: 'UTF-16 BE' };
  for (const m of MAGIC) {
    if (m.bytes.length <= head.length && m.bytes.every((b, i) => head[i] === b)) {
      return { kind: 'binary', label: m.label };
    }
  }
  const end = Math.min(head.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    if (head[i] === 0) return { kind: 'binary', label: 'NUL byte', nulAt: i };
  }
  return { kind: 'text' };
}

/** The skip message for a non-text verdict: names the problem and the fix. */
export function sniffMessage(result: Exclude<SniffResult, { kind: 'text' }>): string {
  if (result.kind === 'utf16') {
    return `file is ${result.label} text, not UTF-8; re-save it as UTF-8`;
  }
  if (result.nulAt !== undefined) {
    return `binary file (NUL byte at offset ${result.nulAt}); only text is imported — convert it to .txt/.md or leave it out`;
  }
  return `binary file (${result.label}); only text is imported — extract its text to .txt/.md first or leave it out`;
}

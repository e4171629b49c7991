/** Decoding of HTML character references: the common named ones plus every numeric form. */

// Named references that show up in real-world documents; anything else is left verbatim.
// nbsp becomes a plain space: the text is for chunking and search, not for layout.
const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷', plusmn: '±',
  hellip: '…', mdash: '—', ndash: '–', minus: '−', bull: '•', middot: '·', sect: '§', para: '¶',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  euro: '€', pound: '£', yen: '¥', cent: '¢', shy: '', ensp: ' ', emsp: ' ', thinsp: ' ', zwj: '\u200d', zwnj: '\u200c',
};

// Numeric references to 0x80–0x9F mean Windows-1252 characters in practice (the HTML spec agrees).
const C1_AS_CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Replaces `&name;`, `&#123;` and `&#x7B;` with the characters they stand for. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED[name as string] ?? NAMED[(name as string).toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    return codePointText(code);
  });
}

function codePointText(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(C1_AS_CP1252[code - 0x80]!);
  // NUL, lone surrogates and out-of-range values cannot be represented; use the replacement character.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

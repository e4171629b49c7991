/**
 * The secrets guard's detector: finds text that looks like a credential. Pure (no I/O), and it
 * returns offsets only, never the matched text, so a caller cannot log what it found by accident.
 *
 * Two families of rules:
 * - Token shapes that are credentials by themselves (AWS key ids, GitHub/Slack/Stripe/Google/OpenAI
 *   keys, JWTs, PEM private keys). The random part must look random: a run of one repeated
 *   character (`ghp_xxxx…`) is documentation, not a key.
 * - A value next to a name that says "secret" (`password=…`, `api_key: …`, `postgres://user:pw@…`).
 *   Here the value must not be a placeholder (see `isPlaceholder`), and an unquoted value must not
 *   be code (`password = config.password`). The finding covers the value (or the URL's `user:pw`),
 *   so a redacted text keeps its meaning: `password = [REDACTED password]`.
 *
 * Bump DETECTOR_VERSION whenever a rule changes: stored scans of an older version are redone.
 */

export const SECRET_KINDS = [
  'private_key',
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'openai_key',
  'jwt',
  'bearer_token',
  'connection_string',
  'url_credentials',
  'password',
  'secret_assignment',
] as const;

/** What a finding looks like; the order of SECRET_KINDS is also the precedence when two overlap. */
export type SecretKind = (typeof SECRET_KINDS)[number];

/** A span of a text that looks like a credential: character offsets [start, end), never the text. */
export interface SecretFinding {
  kind: SecretKind;
  start: number;
  end: number;
}

export const DETECTOR_VERSION = 1;

/** The text that replaces a finding in redacted embedding input. */
export function placeholder(kind: SecretKind): string {
  return `[REDACTED ${kind}]`;
}

const DB_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:[a-z0-9]+|clickhouse|cockroachdb)$/i;

/**
 * Words that documentation puts where a real value goes. Compared after lower-casing and dropping
 * everything but letters and digits, so `your-password`, `YOUR_PASSWORD` and `<Your Password>` match.
 */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pw', 'pwd', 'secret', 'secretkey', 'apikey', 'key', 'token', 'accesstoken', 'changeme', 'changeit',
  'example', 'sample', 'dummy', 'placeholder', 'redacted', 'hidden', 'masked', 'none', 'null', 'nil', 'undefined', 'empty', 'todo',
  'fixme', 'foo', 'bar', 'foobar', 'test', 'value', 'string', 'required', 'optional', 'true', 'false', 'yourpassword', 'mypassword',
  'yoursecret', 'yourapikey', 'yourtoken', 'yourkey', 'password123', 'letmein', 'secretpassword', 'xxx', 'abc', 'abc123', '123456',
]);

/**
 * The placeholder rule. A value is a placeholder, not a secret, when it is:
 * empty; wrapped as a template (`<…>`, `{…}`, `${…}`, `{{…}}`, `[…]`, `%…%`, `$NAME`, `%s`);
 * one character repeated (`xxxx`, `****`, `....`); or a documentation word (PLACEHOLDER_WORDS,
 * also with a `your_`/`my_` prefix or an `example`/`here` in it).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^(?:<[^>]*>|\{\{?[^}]*\}?\}|\$\{[^}]*\}|\[[^\]]*\]|%[^%]*%|\$[A-Za-z_][A-Za-z0-9_]*|%[sd]|\(\S*\))$/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  const word = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!word || PLACEHOLDER_WORDS.has(word)) return true;
  if (/^(?:your|my|the|some|enter|insert)(?:[a-z]+)$/.test(word) && !/\d/.test(word)) return true;
  return /example|here$|^x{3,}/.test(word);
}

/** At least `n` distinct characters: rules out `sk-aaaaaaaaaaaaaaaaaaaaaaaa` and friends. */
function varied(s: string, n = 6): boolean {
  return new Set(s).size >= n;
}

/**
 * An unquoted value that is plainly code, not a literal: a dotted path, a call or an index
 * (`config.password`, `getenv("X")`, `form['pw']`). A bare identifier is judged by `strongEnough`.
 */
function looksLikeCode(v: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(.*|\[.*)?$/.test(v) && /[.([]/.test(v);
}

/** A literal worth flagging: long enough, and not a plain word (real passwords carry digits or symbols). */
function strongEnough(v: string, minLength: number): boolean {
  if (v.length < minLength || /\s/.test(v)) return false;
  const digit = /\d/.test(v);
  const symbol = /[^A-Za-z0-9_]/.test(v);
  const mixedCase = /[a-z]/.test(v) && /[A-Z]/.test(v);
  return digit || symbol || (v.length >= 16 && mixedCase);
}

interface Rule {
  kind: SecretKind;
  re: RegExp;
  /** The span to report within the match, or null to drop the match. Defaults to the whole match. */
  span?: (m: RegExpExecArray) => [number, number] | null;
}

/** Span of capture group `g` (the `d` flag gives its indices). */
function group(m: RegExpExecArray, g: number): [number, number] | null {
  const ix = m.indices?.[g];
  return ix ? [ix[0], ix[1]] : null;
}

const NAME_PASSWORD = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|passphrase)`;
const NAME_SECRET = String.raw`[A-Za-z0-9_.-]*(?:secret|secret_key|secretkey|client_secret|api_key|apikey|api-key|access_key|access_token|auth_token|refresh_token|private_token|private_key)`;
/** `NAME = value`, `"NAME": "value"`, `NAME: value`, `NAME => 'value'`, `NAME := value`. */
const assignment = (names: string) =>
  new RegExp(String.raw`(?<![A-Za-z0-9])["']?(?:${names})["']?[ \t]*(?:=>|:=|=|:)[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,;'"\`)}\]]+))`, 'gid');

/** A value in an assignment: quoted literals need 4+ characters, unquoted ones 6+ and must not be code. */
function assignedValue(m: RegExpExecArray): [number, number] | null {
  const g = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 3;
  const v = m[g]!;
  if (isPlaceholder(v)) return null;
  if (g === 3 && looksLikeCode(v)) return null;
  if (!strongEnough(v, g === 3 ? 6 : 4)) return null;
  return group(m, g);
}

const RULES: Rule[] = [
  // A whole PEM block; a chunk may hold only its start (then to the end of the chunk) or only its end.
  { kind: 'private_key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g },
  { kind: 'private_key', re: /^[A-Za-z0-9+/=\s\\]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  // The middle of a PEM key split across chunks: 3+ consecutive lines of 48–80 base64 characters.
  { kind: 'private_key', re: /(?:^|\n)((?:[ \t]*[A-Za-z0-9+/]{48,80}={0,2}[ \t]*(?:\r?\n|\\n)){2,}[ \t]*[A-Za-z0-9+/]{48,80}={0,2})(?=\s|\\n|$)/gd, span: (m) => group(m, 1) },
  { kind: 'aws_access_key', re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, span: (m) => (varied(m[0].slice(4)) ? [m.index, m.index + m[0].length] : null) },
  {
    kind: 'aws_secret_key',
    re: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|SecretAccessKey)["']?[ \t]*(?:=|:|=>)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gid,
    span: (m) => (varied(m[1]!, 10) ? group(m, 1) : null),
  },
  { kind: 'github_token', re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g, span: wholeIfVaried(4) },
  { kind: 'slack_token', re: /(?<![A-Za-z0-9])xox[abpors]-[A-Za-z0-9]{6,}(?:-[A-Za-z0-9]+)+/g, span: wholeIfVaried(5) },
  { kind: 'stripe_key', re: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g, span: wholeIfVaried(8) },
  { kind: 'google_api_key', re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g, span: wholeIfVaried(4) },
  {
    kind: 'openai_key',
    re: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-api\d\d-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    span: (m) => (/\d/.test(m[0]) && /[A-Za-z]{2}/.test(m[0].slice(3)) && varied(m[0].slice(3), 10) ? [m.index, m.index + m[0].length] : null),
  },
  { kind: 'jwt', re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}(?![A-Za-z0-9_-])/g },
  {
    kind: 'bearer_token',
    re: /\bAuthorization["']?[ \t]*[:=][ \t]*["']?Bearer[ \t]+([A-Za-z0-9._~+/=-]{20,})/gid,
    span: (m) => (isPlaceholder(m[1]!) || !varied(m[1]!, 8) ? null : group(m, 1)),
  },
  // scheme://user:password@host — the finding is `user:password`; the scheme says which kind.
  {
    kind: 'url_credentials',
    re: /\b([a-z][a-z0-9+.-]*(?::[a-z0-9]+)?):\/\/(([^\s:/@"'<>]*):([^\s@/"'<>]+))@(?=[A-Za-z0-9[])/gid,
    span: (m) => (isPlaceholder(m[4]!) || isPlaceholder(decodeSafe(m[4]!)) ? null : group(m, 2)),
  },
  { kind: 'password', re: assignment(NAME_PASSWORD), span: assignedValue },
  { kind: 'secret_assignment', re: assignment(NAME_SECRET), span: assignedValue },
];

function wholeIfVaried(prefix: number) {
  return (m: RegExpExecArray): [number, number] | null => (varied(m[0].slice(prefix)) ? [m.index, m.index + m[0].length] : null);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Every span of `text` that looks like a credential, sorted by start, never overlapping (where two
 * rules claim the same characters, the more specific kind — earlier in SECRET_KINDS — wins and the
 * spans are merged).
 */
export function detectSecrets(text: string): SecretFinding[] {
  const raw: SecretFinding[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const span = rule.span ? rule.span(m) : ([m.index, m.index + m[0].length] as [number, number]);
      if (!span || span[1] <= span[0]) continue;
      let kind = rule.kind;
      if (kind === 'url_credentials' && DB_SCHEMES.test(m[1]!)) kind = 'connection_string';
      raw.push({ kind, start: span[0], end: span[1] });
    }
  }
  return mergeFindings(raw, []);
}

/** `text` with each finding replaced by its placeholder (findings as detectSecrets returns them). */
export function redactSecrets(text: string, findings: readonly SecretFinding[] = detectSecrets(text)): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + placeholder(f.kind);
    at = f.end;
  }
  return out + text.slice(at);
}

/** Findings per kind, e.g. `{ aws_access_key: 2, password: 1 }`. */
export function countKinds(findings: readonly { kind: SecretKind }[]): Partial<Record<SecretKind, number>> {
  const out: Partial<Record<SecretKind, number>> = {};
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
  return out;
}

/** `aws_access_key ×2, password ×1`, in SECRET_KINDS order. */
export function kindsText(byKind: Partial<Record<string, number>>): string {
  const known = SECRET_KINDS as readonly string[];
  return Object.entries(byKind)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => known.indexOf(a) - known.indexOf(b))
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
}

/**
 * The findings of a whole document that fall in [start, end), as offsets into that slice. Scanning
 * the document rather than each chunk alone finds a credential the chunker cut in two: each part
 * is flagged in its own chunk.
 */
export function findingsInRange(docFindings: readonly SecretFinding[], start: number, end: number): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const f of docFindings) {
    if (f.end <= start || f.start >= end) continue;
    out.push({ kind: f.kind, start: Math.max(f.start, start) - start, end: Math.min(f.end, end) - start });
  }
  return out;
}

/** Two sets of findings over the same text as one sorted, non-overlapping list. */
export function mergeFindings(a: readonly SecretFinding[], b: readonly SecretFinding[]): SecretFinding[] {
  const all = [...a, ...b].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: SecretFinding[] = [];
  for (const f of all) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      if (SECRET_KINDS.indexOf(f.kind) < SECRET_KINDS.indexOf(last.kind)) last.kind = f.kind;
      last.end = Math.max(last.end, f.end);
    } else out.push({ ...f });
  }
  return out;
}

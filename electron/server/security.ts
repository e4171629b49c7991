import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { TOKEN_PARAM } from '../../shared/http';
import { EmbedOpsError } from '../../shared/errors';

/**
 * Serve mode's gatekeeping: who may talk to the engine over HTTP. Loopback needs no token (only
 * this machine's users can connect); any other address needs the per-launch token on every
 * request. Host and Origin checks stop other web pages the user has open (DNS rebinding, CSRF).
 */

/** The renderer's CSP, sent on every response (JSON and event streams included: it costs nothing). */
export { CONTENT_SECURITY_POLICY };

/** Headers on every response. CORP/COOP keep other origins from embedding or reading what we send; no CORS header is ever set. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** 256 random bits, URL-safe, so the token fits in `?token=` unescaped. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9._~-]{16,256}$/;

/** A `--token` the user chose: long enough to resist guessing, and URL-safe so the printed URL works. */
export function checkChosenToken(token: string): string {
  if (!TOKEN_SHAPE.test(token)) {
    throw new EmbedOpsError('usage', '--token needs 16 to 256 characters from A–Z a–z 0–9 . _ ~ - (or leave it out and a random token is generated).');
  }
  return token;
}

/** Compares in constant time: both sides are hashed first, so neither length nor content leaks through timing. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256').update(given ?? '').digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given !== undefined;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as it appears in a URL or a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  const h = host.replace(/^\[|\]$/g, '');
  return `${isIP(h) === 6 ? `[${h}]` : h}:${port}`.toLowerCase();
}

/** This machine's addresses other than loopback, IPv4 first (the one to print for a LAN browser). */
export function externalAddresses(): string[] {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const ext = all.filter((a) => !a.internal && !a.address.startsWith('fe80:'));
  return [...ext.filter((a) => a.family === 'IPv4'), ...ext.filter((a) => a.family !== 'IPv4')].map((a) => a.address);
}

/**
 * Every `Host` header a legitimate browser may send for this binding. A name outside the list is
 * how a DNS-rebinding page reaches a local server, so anything else is refused.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set<string>();
  if (isLoopbackHost(boundHost)) {
    for (const n of ['127.0.0.1', 'localhost', '::1', boundHost]) names.add(n);
  } else if (isWildcardHost(boundHost)) {
    for (const n of ['127.0.0.1', 'localhost', '::1', hostname(), ...externalAddresses()]) names.add(n);
  } else {
    names.add(boundHost);
    names.add(hostname());
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(hostPort(n, port));
    if (port === 80) out.add(hostPort(n, port).replace(/:80$/, ''));
  }
  return out;
}

/** Where a request's token may travel; `cookieName` is accepted only where the caller allows it (static files). */
export function presentedToken(req: IncomingMessage, url: URL, cookieName: string | null): string | undefined {
  const auth = req.headers.authorization;
  const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
  if (bearer) return bearer;
  const param = url.searchParams.get(TOKEN_PARAM);
  if (param) return param;
  if (cookieName) return readCookie(req, cookieName);
  return undefined;
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The page's scripts and styles are loaded by the browser, which cannot add the token to them; so
 * a page load that presented the token gets it back as a strict, HttpOnly cookie that unlocks static
 * files only. Cookies are not isolated by port, hence the port in the name, and hence the API and
 * the event stream never accept it: they need the header or the query parameter.
 */
export function tokenCookie(name: string, token: string): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** A POST from a page of another origin (CSRF), or a browser page with an opaque origin, is refused; clients without Origin (curl, scripts) are not browsers. */
export function foreignOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  const own = `http://${(req.headers.host ?? '').toLowerCase()}`;
  return origin.toLowerCase() === own ? null : origin;
}

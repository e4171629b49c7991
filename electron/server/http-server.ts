import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCommandName } from '../../shared/api';
import { toErrorPayload, type ErrorCode } from '../../shared/errors';
import { API_PREFIX, EVENTS_PATH, HTTP_STATUS } from '../../shared/http';
import { dispatch } from '../handlers';
import type { HandlerContext } from '../handlers/types';
import { readJsonBody } from './request-body';
import { foreignOrigin, presentedToken, setSecurityHeaders, tokenCookie, tokenMatches } from './security';
import { serveEvents, type EventHub } from './sse';
import { htmlPage, notBuiltPage, resolveStatic, sendFile } from './static-files';

export interface RouterOptions {
  ctx: HandlerContext;
  hub: EventHub;
  /** The built renderer. */
  staticDir: string;
  /** When set, every request must present it. */
  token: string | null;
  /** `host:port` values a browser may send in `Host` (known once the port is bound). */
  allowedHosts: () => ReadonlySet<string>;
  /** The bound port (names the token cookie: cookies are shared between ports of one host). */
  port: () => number;
  heartbeatMs: number;
  maxBodyBytes: number;
  /** Where unexpected errors are reported (never to the client: it gets the message, no stack). */
  onError: (err: unknown) => void;
}

/** An HTTP error for a request that never reached dispatch (a payload in the contract's shape). */
function sendError(res: ServerResponse, api: boolean, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (api) return sendJson(res, status, { error: { code, message } });
  const body = htmlPage(`${status}: ${message.split('. ')[0]}`, [message.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)]);
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * The serve-mode router: the security gate (Host, token, Origin) on every request, then
 * `POST /api/<name>` → dispatch, `GET /api/events` → SSE, anything else → the built renderer.
 */
export function createRouter(opts: RouterOptions) {
  const streams = new Set<() => void>();
  const inflight = new Set<Promise<void>>();
  const cookieName = () => `embedops_token_${opts.port()}`;

  async function runCommand(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const body = await readJsonBody(req, opts.maxBodyBytes);
    if (!body.ok) {
      // The rest of an oversize body is not read: close the connection once the answer is out.
      if (body.status === 413) res.setHeader('Connection', 'close');
      return sendError(res, true, body.status, body.code, body.message);
    }
    try {
      const data = await dispatch(name, body.value, opts.ctx);
      sendJson(res, 200, { data: data ?? null });
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'internal') opts.onError(err);
      sendJson(res, HTTP_STATUS[payload.code], { error: payload });
    }
  }

  function route(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    setSecurityHeaders(res);
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      // Concatenated, not resolved against a base: `//x/y` must stay a path, not become host x.
      if (!req.url?.startsWith('/')) throw new Error('not origin-form');
      url = new URL(`http://embedops.invalid${req.url}`);
    } catch {
      return sendError(res, false, 400, 'usage', 'The request URL cannot be parsed.');
    }
    const api = url.pathname === '/api' || url.pathname.startsWith(API_PREFIX);

    // DNS rebinding: a page on evil.example resolving to this machine sends Host: evil.example.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!opts.allowedHosts().has(host)) {
      return sendError(res, api, 403, 'refused', `Host "${host}" is not this server's address. Open the URL embedops serve printed at start.`);
    }
    if (opts.token !== null) {
      const given = presentedToken(req, url, api ? null : cookieName());
      if (!tokenMatches(given, opts.token)) {
        const message = given
          ? 'The access token is wrong (it changes every time embedops serve starts). Open the URL printed at start, which ends in ?token=….'
          : 'This EmbedOps server needs its access token: open the URL printed at start (it ends in ?token=…), or send Authorization: Bearer <token>.';
        return sendError(res, api, 401, 'refused', message, { 'WWW-Authenticate': 'Bearer realm="embedops"' });
      }
      if (!api && given !== undefined) res.setHeader('Set-Cookie', tokenCookie(cookieName(), opts.token));
    }
    if (method === 'POST') {
      const origin = foreignOrigin(req);
      if (origin !== null) return sendError(res, api, 403, 'refused', `A request from ${origin} was refused: only pages served by this server may send commands.`);
    }

    if (url.pathname === EVENTS_PATH) {
      if (method !== 'GET') return sendError(res, true, 405, 'usage', `${EVENTS_PATH} takes GET (an EventSource).`, { Allow: 'GET' });
      const end = serveEvents(req, res, url, opts.hub, opts.heartbeatMs);
      streams.add(end);
      res.on('close', () => streams.delete(end));
      return;
    }
    if (api) {
      const name = url.pathname.slice(API_PREFIX.length);
      if (method === 'POST') return runCommand(req, res, name);
      if (isCommandName(name)) return sendError(res, true, 405, 'usage', `${API_PREFIX}${name} takes POST with the input object as JSON.`, { Allow: 'POST' });
      return sendError(res, true, 404, 'not_found', `There is no ${url.pathname}. Commands are POST ${API_PREFIX}<name>; events are GET ${EVENTS_PATH}.`);
    }
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, false, 405, 'usage', `${method} is not supported here; the console's pages take GET.`, { Allow: 'GET, HEAD' });
    const target = resolveStatic(opts.staticDir, url.pathname);
    switch (target.kind) {
      case 'file':
        return sendFile(res, target.file, method === 'HEAD');
      case 'index':
        return sendFile(res, `${opts.staticDir}/index.html`, method === 'HEAD');
      case 'not-built': {
        const page = notBuiltPage(opts.staticDir);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page), 'Cache-Control': 'no-store' });
        return void res.end(method === 'HEAD' ? undefined : page);
      }
      case 'not-found':
        return sendError(res, false, 404, 'not_found', `There is no ${url.pathname} in the console build.`);
    }
  }

  return {
    /** The `request` listener of the HTTP server. */
    handle(req: IncomingMessage, res: ServerResponse): void {
      let done: Promise<void>;
      try {
        done = Promise.resolve(route(req, res));
      } catch (err) {
        done = Promise.reject(err);
      }
      const tracked = done
        .catch((err: unknown) => {
          opts.onError(err);
          const payload = toErrorPayload(err);
          sendError(res, true, 500, 'internal', payload.message);
        })
        .finally(() => inflight.delete(tracked));
      inflight.add(tracked);
    },
    /** Ends every event stream (shutdown). */
    endStreams(): void {
      for (const end of [...streams]) end();
    },
    /** Resolves when the command requests in progress have answered (shutdown). */
    async drain(): Promise<void> {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    get openStreams(): number {
      return streams.size;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

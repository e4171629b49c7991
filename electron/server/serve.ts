import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { HEARTBEAT_SECONDS, TOKEN_PARAM } from '../../shared/http';
import { openEngine, type Engine } from '../engine';
import type { HandlerContext } from '../handlers/types';
import { JobManager } from '../jobs/manager';
import { createRouter } from './http-server';
import { MAX_BODY_BYTES } from './request-body';
import { allowedHosts, checkChosenToken, externalAddresses, generateToken, hostPort, isLoopbackHost, isWildcardHost } from './security';
import { EventHub } from './sse';
import { RENDERER_DIR } from './static-files';

export const DEFAULT_PORT = 4780;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions {
  /** 0 picks a free port. Default 4780. */
  port?: number;
  /** Default 127.0.0.1. Any address other than loopback requires a token. */
  host?: string;
  /** Opens the database read-only and refuses every command that writes. */
  readOnly?: boolean;
  /** A token of the user's choosing; required on every request even on loopback. */
  token?: string;
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  /** The built renderer (default dist/renderer). */
  staticDir?: string;
  /** Between SSE heartbeats (default HEARTBEAT_SECONDS). */
  heartbeatMs?: number;
  maxBodyBytes?: number;
  /** Events kept for replay to reconnecting clients. */
  eventBufferSize?: number;
  /** Unexpected errors (the client gets the message without a stack). */
  onError?: (err: unknown) => void;
}

export interface RunningServer {
  /** The server's origin, e.g. http://127.0.0.1:4780/ */
  url: string;
  /** What a person opens: `url` with `?token=` when a token is required. */
  openUrl: string;
  port: number;
  host: string;
  /** Required on every request when not null. */
  token: string | null;
  database: string;
  readOnly: boolean;
  jobs: JobManager;
  /** Live event subscriptions (tests check that closed connections leave none behind). */
  stats(): { eventClients: number; eventStreams: number };
  /** Stops accepting, cancels live runs after their batch in flight, waits for them, closes the engine. */
  close(): Promise<void>;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmbedOpsError('usage', `--port must be a whole number from 0 to 65535 (got ${port}); 0 picks a free port.`);
  return port;
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): EmbedOpsError {
  if (err.code === 'EADDRINUSE') {
    return new EmbedOpsError('environment', `Port ${port} on ${host} is already in use (another embedops serve?). Choose another with --port N, or --port 0 for any free port.`);
  }
  if (err.code === 'EACCES') return new EmbedOpsError('environment', `Port ${port} needs privileges this user does not have. Choose a port above 1023 with --port N.`);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new EmbedOpsError('usage', `"${host}" is not an address of this machine. Use --host 127.0.0.1 (this machine only), 0.0.0.0 (every network), or one of: ${externalAddresses().join(', ') || 'none found'}.`);
  }
  return new EmbedOpsError('environment', `Cannot listen on ${host}:${port}: ${err.message}.`);
}

function open(opts: ServeOptions, readOnly: boolean): Engine {
  try {
    return openEngine({ dbPath: opts.dbPath, env: opts.env, readonly: readOnly });
  } catch (err) {
    if (err instanceof EmbedOpsError && err.code === 'read_only' && !readOnly) {
      throw new EmbedOpsError('read_only', `${err.message} To browse it without changing it, start serve with --read-only.`);
    }
    throw err;
  }
}

/**
 * Serve mode: one engine and one JobManager for the process, the contract over HTTP + SSE, and the
 * built renderer. Resolves once listening.
 */
export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const host = (opts.host ?? DEFAULT_HOST).trim();
  if (!host) throw new EmbedOpsError('usage', '--host needs an address, e.g. 127.0.0.1 or 0.0.0.0.');
  const requestedPort = checkPort(opts.port ?? DEFAULT_PORT);
  const chosen = opts.token === undefined ? undefined : checkChosenToken(opts.token);
  const token = chosen ?? (isLoopbackHost(host) ? null : generateToken());
  const readOnly = opts.readOnly ?? false;

  const engine = open(opts, readOnly);
  const jobs = new JobManager(engine);
  const hub = new EventHub(jobs, opts.eventBufferSize);
  const uploadsDir = mkdtempSync(join(tmpdir(), 'embedops-uploads-'));
  const ctx: HandlerContext = { engine, jobs, readOnly, uploadsDir };
  const release = () => {
    hub.detach();
    engine.close();
    rmSync(uploadsDir, { recursive: true, force: true });
  };

  let port = requestedPort;
  let hosts: ReadonlySet<string> = new Set();
  const router = createRouter({
    ctx,
    hub,
    staticDir: opts.staticDir ?? RENDERER_DIR,
    token,
    allowedHosts: () => hosts,
    port: () => port,
    heartbeatMs: opts.heartbeatMs ?? HEARTBEAT_SECONDS * 1000,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
    onError: opts.onError ?? (() => {}),
  });
  // Without a Host header the DNS-rebinding check answers (403 with the security headers), not Node's bare 400.
  const server = createServer({ requireHostHeader: false }, router.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(requestedPort, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    release();
    throw listenError(err as NodeJS.ErrnoException, host, requestedPort);
  }
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);

  const shownHost = isWildcardHost(host) ? (externalAddresses()[0] ?? DEFAULT_HOST) : host;
  const url = `http://${hostPort(shownHost, port)}/`;
  let closing: Promise<void> | null = null;

  const cancelLive = () => {
    for (const id of jobs.liveRuns()) {
      try {
        jobs.cancel(id);
      } catch {
        // it finished in the meantime
      }
    }
  };
  const shutdown = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    cancelLive();
    // A command in progress (runs/start waits for its model) answers first; a run it started is cancelled too.
    await Promise.race([router.drain(), new Promise((r) => setTimeout(r, 30_000).unref())]);
    cancelLive();
    await jobs.settle();
    // The streams stay open until the runs' last events are out.
    router.endStreams();
    server.closeAllConnections();
    await stopped;
    release();
  };

  return {
    url,
    openUrl: token ? `${url}?${TOKEN_PARAM}=${token}` : url,
    port,
    host,
    token,
    database: engine.dbPath,
    readOnly,
    jobs,
    stats: () => ({ eventClients: hub.clientCount, eventStreams: router.openStreams }),
    close: () => (closing ??= shutdown()),
  };
}

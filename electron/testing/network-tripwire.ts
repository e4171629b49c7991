/**
 * Network tripwire, for tests: preload it (`NODE_OPTIONS=--require <dist>/electron/testing/network-tripwire.js`)
 * and every way Node offers to open a connection or resolve a name records the attempt and fails:
 * net.Socket#connect (which every TCP, TLS, HTTP and IPC client ends in), net.connect/createConnection,
 * tls.connect, http(s).request/get, http2.connect, globalThis.fetch (and WebSocket where Node has it),
 * the dns lookup/resolve functions (callback and promise forms, Resolver classes included) and
 * dgram.createSocket.
 *
 * Node runs NODE_OPTIONS preloads in every worker thread too, so the embedding worker is covered;
 * workers copy process.env, so they write to the same files.
 *
 * - EMBEDOPS_TRIPWIRE_LOG: the file each attempt is appended to (one JSON line). Unset: the preload does nothing.
 * - EMBEDOPS_TRIPWIRE_ARMED: optional file where each thread that armed appends one JSON line naming
 *   its thread id and main script, so a test can prove the tripwire ran where it matters.
 *
 * Uses only Node built-ins (`import x = require()` so the patches land on the real module objects).
 */
import dgram = require('node:dgram');
import dns = require('node:dns');
import fs = require('node:fs');
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import nodeModule = require('node:module');
import net = require('node:net');
import tls = require('node:tls');
import workerThreads = require('node:worker_threads');

export interface TripwireRecord {
  api: string;
  target: string;
  pid: number;
  threadId: number;
  stack: string[];
}

export interface TripwireArmed {
  pid: number;
  threadId: number;
  isMainThread: boolean;
  /** The script this thread runs (the worker's file in a worker thread). */
  script: string | null;
}

const LOG = process.env.EMBEDOPS_TRIPWIRE_LOG;
const ARMED = process.env.EMBEDOPS_TRIPWIRE_ARMED;

function describe(args: unknown[]): string {
  const [a, b] = args;
  if (a instanceof URL) return a.href;
  if (typeof a === 'string') return typeof b === 'string' || typeof b === 'number' ? `${a}:${b}` : a;
  if (typeof a === 'number') return `${typeof b === 'string' ? b : 'localhost'}:${a}`;
  if (Array.isArray(a)) return describe(a);
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if (typeof o.url === 'string') return o.url;
    if (typeof o.href === 'string') return o.href;
    if (o.path !== undefined) return `ipc:${String(o.path)}`;
    if (o.socketPath !== undefined) return `ipc:${String(o.socketPath)}`;
    if (o.type !== undefined) return `udp:${String(o.type)}`;
    return `${String(o.hostname ?? o.host ?? 'localhost')}:${String(o.port ?? '')}`;
  }
  return String(a);
}

class NetworkTripwireError extends Error {
  override name = 'NetworkTripwireError';
  code = 'ENETWORKTRIPWIRE';
}

function trip(api: string, args: unknown[]): NetworkTripwireError {
  const target = describe(args);
  const stack = (new Error().stack ?? '').split('\n').slice(3, 11).map((l) => l.trim());
  const record: TripwireRecord = { api, target, pid: process.pid, threadId: workerThreads.threadId, stack };
  try {
    fs.appendFileSync(LOG!, JSON.stringify(record) + '\n');
  } catch {
    // the record file is the test's; failing to write it must not hide the violation itself
  }
  return new NetworkTripwireError(`network tripwire: ${api}(${target}) — EmbedOps must not open network connections`);
}

type AnyFn = (...args: unknown[]) => unknown;

/** Replaces obj[key] with a function that records and throws (or rejects, for promise APIs). */
function wire(obj: object, key: string, api: string, async = false): void {
  const target = obj as Record<string, unknown>;
  if (typeof target[key] !== 'function') return;
  const replacement: AnyFn = function (this: unknown, ...args: unknown[]) {
    const err = trip(api, args);
    if (async) return Promise.reject(err);
    throw err;
  };
  const enumerable = Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? true;
  Object.defineProperty(target, key, { value: replacement, writable: true, configurable: true, enumerable });
}

function wireAll(obj: object | undefined, prefix: string, pattern: RegExp, async: boolean): void {
  if (!obj) return;
  for (const key of Object.getOwnPropertyNames(obj)) {
    if (pattern.test(key) && typeof (obj as Record<string, unknown>)[key] === 'function') wire(obj, key, `${prefix}.${key}`, async);
  }
}

function arm(): void {
  wire(net.Socket.prototype, 'connect', 'net.Socket.connect');
  wire(net, 'connect', 'net.connect');
  wire(net, 'createConnection', 'net.createConnection');
  wire(tls, 'connect', 'tls.connect');
  for (const [mod, name] of [[http, 'http'], [https, 'https']] as const) {
    wire(mod, 'request', `${name}.request`);
    wire(mod, 'get', `${name}.get`);
  }
  wire(http2, 'connect', 'http2.connect');
  wire(dgram, 'createSocket', 'dgram.createSocket');
  const dnsNames = /^(lookup|lookupService|resolve\w*|reverse)$/;
  wireAll(dns, 'dns', dnsNames, false);
  wireAll(dns.Resolver.prototype, 'dns.Resolver', dnsNames, false);
  wireAll(dns.promises, 'dns.promises', dnsNames, true);
  wireAll(dns.promises.Resolver.prototype, 'dns.promises.Resolver', dnsNames, true);
  wire(globalThis, 'fetch', 'fetch', true);
  if (typeof (globalThis as Record<string, unknown>).WebSocket === 'function') {
    (globalThis as Record<string, unknown>).WebSocket = function WebSocket(...args: unknown[]) {
      throw trip('WebSocket', args);
    };
  }
  // ES modules that import these built-ins see the patched functions too.
  nodeModule.syncBuiltinESMExports();

  if (ARMED) {
    // After this thread's main script has loaded, so the line can say which script it is.
    setImmediate(() => {
      const main = (process as { mainModule?: { filename?: string } }).mainModule?.filename ?? null;
      const line: TripwireArmed = { pid: process.pid, threadId: workerThreads.threadId, isMainThread: workerThreads.isMainThread, script: main };
      fs.appendFileSync(ARMED, JSON.stringify(line) + '\n');
    });
  }
}

if (LOG) arm();

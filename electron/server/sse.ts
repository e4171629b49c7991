import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, type EventName } from '../../shared/api';
import type { JobManager } from '../jobs/manager';

/** One event as sent on the wire: its id, contract name and JSON payload (serialised once, sent to every client). */
export interface SentEvent {
  id: number;
  event: EventName;
  data: string;
}

/** How long a browser waits before reconnecting (the SSE `retry:` hint). */
export const RETRY_MS = 3000;
/** A client this far behind is cut off; it reconnects and replays from its last id. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * The JobManager's events, numbered and kept in a bounded ring so a reconnecting client can replay
 * what it missed (`Last-Event-ID`). The hub listens to the JobManager once for the server's
 * lifetime; each connection subscribes to the hub and is removed when it closes.
 */
export class EventHub {
  private readonly ring: SentEvent[] = [];
  private nextId = 1;
  private readonly clients = new Set<(e: SentEvent) => void>();
  private readonly detachers: (() => void)[] = [];

  constructor(
    jobs: JobManager,
    private readonly capacity = 1000,
  ) {
    for (const name of EVENT_NAMES) {
      const listener = (payload: unknown) => this.publish(name, payload);
      jobs.on(name, listener);
      this.detachers.push(() => jobs.off(name, listener));
    }
  }

  private publish(event: EventName, payload: unknown): void {
    const e: SentEvent = { id: this.nextId++, event, data: JSON.stringify(payload) };
    this.ring.push(e);
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const send of this.clients) send(e);
  }

  /**
   * Events after `lastId`. An id newer than anything here comes from a previous launch of the
   * server (ids restart), so the client gets the whole ring; `gap` says events it missed are gone.
   */
  since(lastId: number): { events: SentEvent[]; gap: boolean } {
    const newest = this.nextId - 1;
    if (lastId > newest) return { events: [...this.ring], gap: true };
    const oldest = this.ring[0]?.id ?? this.nextId;
    return { events: this.ring.filter((e) => e.id > lastId), gap: lastId < oldest - 1 };
  }

  subscribe(send: (e: SentEvent) => void): () => void {
    this.clients.add(send);
    return () => this.clients.delete(send);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Stops listening to the JobManager (server shutdown). */
  detach(): void {
    for (const off of this.detachers.splice(0)) off();
  }
}

function parseLastEventId(req: IncomingMessage, url: URL): number | null {
  const raw = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId');
  const s = Array.isArray(raw) ? raw[0] : raw;
  return s !== undefined && s !== null && /^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : null;
}

function frame(e: SentEvent): string {
  return `id: ${e.id}\nevent: ${e.event}\ndata: ${e.data}\n\n`;
}

/**
 * Serves one `GET /api/events` connection: the retry hint, a replay of what the client missed,
 * then live events and a `: ping` comment every `heartbeatMs`, until either side closes.
 * Returns a function that ends the stream (server shutdown).
 */
export function serveEvents(req: IncomingMessage, res: ServerResponse, url: URL, hub: EventHub, heartbeatMs: number): () => void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // Reverse proxies must pass events through at once.
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  const lastId = parseLastEventId(req, url);
  if (lastId !== null) {
    const { events, gap } = hub.since(lastId);
    if (gap) res.write(': some earlier events are no longer kept; refetch state\n\n');
    for (const e of events) res.write(frame(e));
  }
  const send = (e: SentEvent) => {
    if (res.writableLength > MAX_PENDING_BYTES) return void res.destroy();
    res.write(frame(e));
  };
  const unsubscribe = hub.subscribe(send);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  res.on('close', cleanup);
  req.on('close', cleanup);
  return () => {
    cleanup();
    res.end();
  };
}

import type { CommandInput, CommandName, CommandOutput, EventName, Events } from '../../../shared/api';
import { API_PREFIX, EVENTS_PATH, TOKEN_PARAM } from '../../../shared/http';
import { EVENT_NAMES } from './event-names';
import { ApiError, type ConnectionState, type Transport } from './transport';

type Listener = (payload: unknown) => void;

/**
 * Serve mode: `POST /api/<name>` with the input as JSON, answered by `{data}` or `{error}`; events
 * from one shared EventSource fanned out to every subscriber. The browser reconnects the
 * EventSource by itself; listeners of `onConnection` hear about it so they can refetch what events
 * may have been missed meanwhile.
 */
export class HttpTransport implements Transport {
  readonly kind = 'http';
  private source: EventSource | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly connection = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = 'live';

  constructor(
    private readonly base: string,
    private readonly token: string | null,
  ) {}

  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(new URL(API_PREFIX + name, this.base), { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      throw new ApiError('network', `Cannot reach the EmbedOps server at ${new URL(this.base).origin}. Check that \`embedops serve\` is still running, then try again.`);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ApiError('internal', `The server answered ${name} with HTTP ${res.status} and no JSON body. Is this address an EmbedOps serve instance?`);
    }
    const b = body as { data?: unknown; error?: { code?: string; message?: string } };
    if (b && typeof b === 'object' && b.error) {
      throw new ApiError((b.error.code as ApiError['code']) ?? 'internal', b.error.message ?? `HTTP ${res.status}`);
    }
    if (!res.ok) throw new ApiError('internal', `The server answered ${name} with HTTP ${res.status}.`);
    return b.data as CommandOutput<N>;
  }

  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    this.open();
    const set = this.listeners.get(name) ?? new Set<Listener>();
    this.listeners.set(name, set);
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.open();
    this.connection.add(listener);
    return () => void this.connection.delete(listener);
  }

  /** One EventSource for the page, opened on first use. */
  private open(): void {
    if (this.source) return;
    const url = new URL(EVENTS_PATH, this.base);
    if (this.token) url.searchParams.set(TOKEN_PARAM, this.token);
    const source = new EventSource(url);
    this.source = source;
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return; // A malformed event is only a hint lost; the next refetch has the truth.
        }
        for (const l of this.listeners.get(name) ?? []) l(payload);
      });
    }
    source.addEventListener('open', () => this.setState('live'));
    source.addEventListener('error', () => {
      this.setState('reconnecting');
      // The browser retries by itself unless the server answered with an error status (a restart
      // in progress, a proxy): then it gives up, so start a fresh EventSource a little later.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.source = null;
        window.setTimeout(() => this.open(), 3000);
      }
    });
  }

  private setState(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.connection) l(next);
  }
}

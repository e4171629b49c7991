/**
 * A Server-Sent Events reader over fetch, for Node clients of serve mode (tests, scripts): Node 20
 * has fetch but no EventSource. Parses the stream as the SSE spec says (fields, comments, blank
 * line = dispatch) so the tests check the wire format a browser sees, not our own assumptions.
 */

/** One dispatched event. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every event so far, in order. */
  messages: SseMessage[];
  /** Comment lines so far (without the leading colon), e.g. " ping". */
  comments: string[];
  /** The last `retry:` value. */
  retry: number | null;
  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when a comment matching arrives (or has arrived). */
  waitForComment(match: (c: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const stream: SseStream = {
    status: res.status,
    headers: res.headers,
    messages: [],
    comments: [],
    retry: null,
    waitFor: (match, timeoutMs = 30_000) => until(() => stream.messages.find(match), timeoutMs, 'event'),
    waitForComment: (match, timeoutMs = 30_000) => until(() => stream.comments.find(match), timeoutMs, 'comment'),
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  let done = false;
  function until<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit !== undefined) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        } else if (done) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`the event stream ended before the ${what} arrived`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  let buffer = '';
  let event: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
  let lastId: string | null = null;
  const line = (l: string) => {
    if (l === '') {
      if (event.data.length) stream.messages.push({ id: lastId, event: event.event, data: event.data.join('\n') });
      event = { id: null, event: 'message', data: [] };
      return;
    }
    if (l.startsWith(':')) return void stream.comments.push(l.slice(1));
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    const value = colon < 0 ? '' : l.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') event.data.push(value);
    else if (field === 'event') event.event = value;
    else if (field === 'id') lastId = event.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value);
  };
  stream.ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        // Lines end in \n or \r\n (a lone \r, which the spec also allows, is not used by this server).
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        for (const p of parts) line(p.replace(/\r$/, ''));
        wake();
      }
    } catch {
      // closed by us (abort) or by the server
    } finally {
      done = true;
      wake();
    }
  })();
  return stream;
}

import { request } from 'node:http';

/**
 * A raw HTTP request for probing serve mode: unlike fetch it sends the path byte for byte (`/../x`
 * is not normalised away) and any Host header, which is what an attacker's client would do.
 */
export interface ProbeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ProbeRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length, or chunked when `chunks` is given instead. */
  body?: string | Buffer;
  chunks?: (string | Buffer)[];
  /** Omit the Host header altogether. */
  noHost?: boolean;
}

export function probe(port: number, req: ProbeRequest, address = '127.0.0.1'): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
    const r = request({ host: address, port, method: req.method ?? 'GET', path: req.path, headers, setHost: !req.noHost && !hasHost(req.headers) }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.chunks) {
      for (const c of req.chunks) r.write(c);
      r.end();
    } else r.end(req.body);
  });
}

function hasHost(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'host');
}

import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '../../shared/errors';

/** Enough for import/upload's base64 files (their schema caps one at 90 MB), small enough to refuse a runaway client. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; code: ErrorCode; message: string };

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 3 : 0)} MB`;
}

/**
 * Reads a command's JSON input object. Requiring `application/json` means a browser on another
 * origin cannot send one without a CORS preflight, which this server never grants.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const type = req.headers['content-type'];
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  const hasBody = declared === null ? req.headers['transfer-encoding'] !== undefined : declared > 0;
  if (hasBody && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    return { ok: false, status: 415, code: 'usage', message: `Send the command's input as JSON with Content-Type: application/json (got ${type ? `"${type}"` : 'no Content-Type'}).` };
  }
  const tooLarge = (size: string): BodyResult => ({
    ok: false,
    status: 413,
    code: 'invalid_input',
    message: `The request body is ${size}; the limit is ${megabytes(limit)}. Upload fewer or smaller files per request, or import files already on the server with import/paths.`,
  });
  if (declared !== null && declared > limit) return tooLarge(megabytes(declared));

  const chunks: Buffer[] = [];
  let size = 0;
  const outcome = await new Promise<'end' | 'overflow' | 'aborted'>((resolve) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        return resolve('overflow');
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve('end'));
    // A client that goes away mid-body: nothing to answer, but the request must not hang.
    req.once('close', () => resolve(req.complete ? 'end' : 'aborted'));
    req.once('error', () => resolve('aborted'));
  });
  if (outcome === 'overflow') return tooLarge(`over ${megabytes(limit)}`);
  if (outcome === 'aborted') return { ok: false, status: 400, code: 'usage', message: 'The request body ended before its declared length.' };

  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, status: 400, code: 'usage', message: `The request body is not valid JSON (${detail}). Send the command's input object, e.g. {"collection": "docs"}, or {} when it takes none.` };
  }
}

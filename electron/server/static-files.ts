import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** The built renderer (vite's outDir), relative to this file's place in dist/electron/server. */
export const RENDERER_DIR = resolve(__dirname, '..', '..', 'renderer');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget = { kind: 'file'; file: string } | { kind: 'index' } | { kind: 'not-built' } | { kind: 'not-found' };

/**
 * What a GET of `pathname` (still percent-encoded, as in the URL) serves from `root`: the file,
 * index.html for client-side routes, or nothing. Anything that could leave `root` — `..`
 * (encoded or not), backslashes, NUL, dot-files, a symlink pointing out — is not found.
 */
export function resolveStatic(root: string, pathname: string): StaticTarget {
  const built = existsSync(join(root, 'index.html'));
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'not-found' };
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' };
  if (!built) return { kind: 'not-built' };
  if (segments.length === 0) return { kind: 'index' };
  const realRoot = realpathSync(root);
  const file = resolve(realRoot, ...segments);
  if (!file.startsWith(realRoot + sep)) return { kind: 'not-found' };
  if (existsSync(file)) {
    const real = realpathSync(file);
    if (!real.startsWith(realRoot + sep)) return { kind: 'not-found' };
    if (statSync(real).isFile()) return { kind: 'file', file: real };
    return { kind: 'not-found' };
  }
  // A missing path that looks like a file (/assets/x.js) is a 404: answering HTML there only hides a broken build.
  return extname(segments[segments.length - 1]!) ? { kind: 'not-found' } : { kind: 'index' };
}

/** Sends a file with its content type; `head` sends the headers only. */
export function sendFile(res: ServerResponse, file: string, head: boolean): void {
  const size = statSync(file).size;
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': size,
    // index.html always fresh (it names the hashed bundles); the bundles revalidate.
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'no-cache',
  });
  if (head) return void res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page (no scripts: the CSP forbids inline ones anyway) for when a page cannot be shown. */
export function htmlPage(title: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}code{background:#eee;padding:.1em .3em}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '</body></html>',
  ].join('\n');
}

/** Shown at `/` while the renderer is not built; the API works regardless. */
export function notBuiltPage(root: string): string {
  return htmlPage('EmbedOps Console: the UI is not built yet', [
    `This server is running and its API answers at <code>POST /api/&lt;command&gt;</code>, but there is no console build in <code>${escapeHtml(root)}</code>.`,
    'Build it in the EmbedOps checkout with <code>npm run build</code>, then reload this page (no restart needed).',
    'Meanwhile the CLI does everything the console does: <code>npx embedops --help</code>.',
  ]);
}

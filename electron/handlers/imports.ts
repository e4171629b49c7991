import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { importPaths } from '../ingest/import';
import { taskProgress } from './task-progress';
import type { HandlerSlice } from './types';

/**
 * A relative path safe to write under the upload folder: each segment cleaned of control and
 * reserved characters, no `.`/`..` segments, so `notes/a.md` keeps the document id that
 * `import/paths` of the same folder would give it, and nothing can land outside the folder.
 */
function safeRelativePath(name: string): string {
  const segments = name
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => s.replace(/[\u0000-\u001f<>:"|?*]/g, '_'))
    .filter((s) => s !== '' && s !== '.');
  if (!segments.length || segments.some((s) => s === '..' || s.startsWith('.'))) {
    throw new EmbedOpsError('usage', `"${name}" is not a usable file name (empty, hidden, or climbing out with ..).`);
  }
  return segments.join('/');
}

export const importHandlers: HandlerSlice<'import/paths' | 'import/upload' | 'dialog/choose-paths'> = {
  'import/paths': ({ collection, paths }, { engine, jobs }) => {
    const report = taskProgress(jobs, 'import/paths', collection);
    return importPaths(engine, collection, paths, { onProgress: (p) => report({ documents: p.documents, total: null, files: p.files, bytes: p.bytes }) });
  },
  'dialog/choose-paths': async ({ kind }, { choosePaths }) => {
    if (!choosePaths) throw new EmbedOpsError('refused', 'There is no file dialog in serve mode: upload the files, or type a path on the server.');
    return { paths: await choosePaths(kind) };
  },
  'import/upload': async ({ collection, files }, { engine, jobs, uploadsDir }) => {
    mkdirSync(uploadsDir, { recursive: true });
    const dir = mkdtempSync(join(uploadsDir, 'upload-'));
    try {
      const names = new Set<string>();
      for (const f of files) {
        const name = safeRelativePath(f.name);
        if (names.has(name)) throw new EmbedOpsError('usage', `Two uploaded files are named "${name}"; rename one.`);
        names.add(name);
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), Buffer.from(f.base64, 'base64'));
      }
      const report = taskProgress(jobs, 'import/upload', collection);
      const listed = [...names].slice(0, 5).join(', ') + (names.size > 5 ? `, … (${names.size} files)` : '');
      return await importPaths(engine, collection, [dir], {
        recordAs: { root: dir, label: 'upload:', command: `embedops import ${collection} <uploaded: ${listed}>` },
        onProgress: (p) => report({ documents: p.documents, total: null, files: p.files, bytes: p.bytes }),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

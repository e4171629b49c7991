import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { importPaths } from '../ingest/import';
import type { HandlerSlice } from './types';

/** A name safe to write in a folder: no path separators, no leading dots, no control characters. */
function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '');
  if (!base) throw new EmbedOpsError('usage', `"${name}" is not a usable file name.`);
  return base;
}

export const importHandlers: HandlerSlice<'import/paths' | 'import/upload' | 'dialog/choose-paths'> = {
  'import/paths': ({ collection, paths }, { engine }) => importPaths(engine, collection, paths),
  'dialog/choose-paths': async ({ kind }, { choosePaths }) => {
    if (!choosePaths) throw new EmbedOpsError('refused', 'There is no file dialog in serve mode: upload the files, or type a path on the server.');
    return { paths: await choosePaths(kind) };
  },
  'import/upload': async ({ collection, files }, { engine, uploadsDir }) => {
    mkdirSync(uploadsDir, { recursive: true });
    const dir = mkdtempSync(join(uploadsDir, 'upload-'));
    try {
      const names = new Set<string>();
      for (const f of files) {
        const name = safeFileName(f.name);
        if (names.has(name)) throw new EmbedOpsError('usage', `Two uploaded files are named "${name}"; rename one.`);
        names.add(name);
        writeFileSync(join(dir, name), Buffer.from(f.base64, 'base64'));
      }
      const listed = [...names].slice(0, 5).join(', ') + (names.size > 5 ? `, … (${names.size} files)` : '');
      return await importPaths(engine, collection, [dir], {
        recordAs: { root: dir, label: 'upload:', command: `embedops import ${collection} <uploaded: ${listed}>` },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

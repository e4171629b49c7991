import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL, modelSearchPath } from '../embedding/model-folder';
import { createCollection, showCollection, statusAll } from '../services/collections';
import { listRuns } from '../store/runs';
import type { HandlerSlice } from './types';

const VERSION = (require('../../../package.json') as { version: string }).version;

export const collectionHandlers: HandlerSlice<'status/get' | 'collections/list' | 'collections/get' | 'collections/create' | 'models/list'> = {
  'status/get': (_input, { engine, readOnly }) => ({
    database: engine.dbPath,
    readOnly,
    collections: statusAll(engine),
    activeRuns: listRuns(engine.db, { limit: 100 }).filter((r) => ['running', 'paused', 'interrupted', 'queued'].includes(r.status)),
    version: VERSION,
  }),
  'collections/list': (_input, { engine }) => statusAll(engine),
  'collections/get': ({ name }, { engine }) => showCollection(engine, name),
  'collections/create': async (input, { engine }) => {
    const c = await createCollection(engine, { ...input, model: input.model ?? DEFAULT_MODEL });
    return showCollection(engine, c.name);
  },
  'models/list': (_input, { engine }) => {
    const seen = new Set<string>();
    const out: { name: string; dir: string }[] = [];
    for (const root of modelSearchPath(engine.env)) {
      if (!existsSync(root)) continue;
      for (const name of readdirSync(root).sort()) {
        const dir = join(root, name);
        if (seen.has(name) || !existsSync(join(dir, 'config.json'))) continue;
        seen.add(name);
        out.push({ name, dir });
      }
    }
    return out;
  },
};

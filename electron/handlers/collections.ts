import { DEFAULT_MODEL } from '../embedding/model-folder';
import { listModels } from '../embedding/registry';
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
  'models/list': async (_input, { engine }) => (await listModels(engine.env)).models,
};

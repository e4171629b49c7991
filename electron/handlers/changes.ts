import { getCollection } from '../store/collections';
import { listAliases } from '../store/aliases';
import { getQuerySet, saveQuerySet } from '../store/query-sets';
import { deriveCollection } from '../services/derive';
import { purgeCollection } from '../services/purge';
import { swapAlias, swapGate } from '../services/swap';
import { taskProgress } from './task-progress';
import type { HandlerSlice } from './types';

/** Safe change: derive a new version beside the live one, compare, swap the alias, purge the old. */
export const changeHandlers: HandlerSlice<'aliases/list' | 'collections/derive' | 'swap/preview' | 'swap/run' | 'collections/purge' | 'queries/get' | 'queries/set'> = {
  'aliases/list': (_input, { engine }) => listAliases(engine.db),
  'collections/derive': (input, { engine, jobs }) => {
    const report = taskProgress(jobs, 'collections/derive', input.from);
    return deriveCollection(engine, input, { onProgress: (p) => report({ documents: p.documents, total: p.total }) });
  },
  'swap/preview': (input, { engine }) => swapGate(engine, input),
  'swap/run': (input, { engine }) => swapAlias(engine, input),
  'collections/purge': ({ name, force }, { engine }) => purgeCollection(engine, name, { force }),
  'queries/get': ({ collection }, { engine }) => {
    getCollection(engine.db, collection);
    return getQuerySet(engine.db, collection);
  },
  'queries/set': ({ collection, queries, k }, { engine }) => {
    getCollection(engine.db, collection);
    return saveQuerySet(engine.db, collection, queries, k);
  },
};

import { historyMarkdown } from '../services/history';
import { discrepancyChunks, documentText } from '../services/inspect';
import { spotcheck } from '../services/spotcheck';
import { verifyCollection } from '../services/verify';
import { listRuns } from '../store/runs';
import type { HandlerSlice } from './types';

export const checkHandlers: HandlerSlice<'verify/run' | 'verify/chunks' | 'spotcheck/run' | 'documents/get' | 'history/markdown'> = {
  'verify/run': ({ collection }, { engine }) => verifyCollection(engine, collection),
  'verify/chunks': ({ collection, kind, limit }, { engine }) => discrepancyChunks(engine, collection, kind, limit),
  'spotcheck/run': ({ collection, queries, k }, { engine }) => spotcheck(engine, collection, queries, k ?? 5),
  'documents/get': ({ collection, id }, { engine }) => documentText(engine, collection, id),
  'history/markdown': ({ collection }, { engine }) => ({
    markdown: historyMarkdown(listRuns(engine.db, { family: collection }), collection ? `EmbedOps run history: ${collection}` : undefined),
  }),
};

import type { RunKind } from '../../../shared/types';

/** Every react-query key in one place, so invalidation and event patches hit the same entries. */
export const keys = {
  status: ['status'] as const,
  collections: ['collections'] as const,
  collection: (name: string) => ['collection', name] as const,
  models: ['models'] as const,
  aliases: ['aliases'] as const,
  /** The saved spot-check queries of an alias (shared by its versions). */
  querySet: (alias: string) => ['query-set', alias] as const,
  backups: ['backups'] as const,
  runs: (collection?: string, limit?: number) => ['runs', collection ?? '*', limit ?? 0] as const,
  runsAll: ['runs'] as const,
  run: (runId: number) => ['run', runId] as const,
  /** The latest `run/progress` of a run (rate, ETA, phase are not in the run row). */
  progress: (runId: number) => ['progress', runId] as const,
  /** The last result of an action (plan, verify, spot-check, import), kept while the app runs. */
  report: (kind: 'plan' | 'import' | RunKind, collection: string) => ['report', kind, collection] as const,
  reportsAll: ['report'] as const,
  chunks: (collection: string, kind: string) => ['chunks', collection, kind] as const,
  document: (collection: string, id: string) => ['document', collection, id] as const,
};

import { skipToken, useQuery, type QueryKey } from '@tanstack/react-query';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import type { BackfillPlan, RunProgress, SpotcheckReport, SwapGate, VerifyReport } from '../../../shared/types';
import type { ImportReport } from '../../../shared/reports';
import { progressEventsFlowing } from './events';
import { keys } from './keys';
import { useTransport } from './TransportProvider';

/** A query that invokes one command; `input: null` keeps it idle until there is something to ask. */
function useCommandQuery<N extends CommandName>(key: QueryKey, name: N, input: CommandInput<N> | null, extra?: { refetchInterval?: number | false }) {
  const t = useTransport();
  return useQuery<CommandOutput<N>>({
    queryKey: key,
    queryFn: input === null ? skipToken : () => t.invoke(name, input),
    ...extra,
  });
}

/**
 * The status line's snapshot. Runs of this app patch it through events; a run shown as running
 * while no progress events arrive belongs to another process (a CLI), so then it is re-read every 5 s.
 */
export function useStatus() {
  const t = useTransport();
  return useQuery<CommandOutput<'status/get'>>({
    queryKey: keys.status,
    queryFn: () => t.invoke('status/get', {}),
    refetchInterval: (q) => (q.state.data?.activeRuns.some((r) => r.status === 'running') && !progressEventsFlowing() ? 5000 : false),
  });
}
export const useCollections = () => useCommandQuery(keys.collections, 'collections/list', {});
export const useCollection = (name: string) => useCommandQuery(keys.collection(name), 'collections/get', { name });
export const useModels = () => useCommandQuery(keys.models, 'models/list', {});
export const useAliases = () => useCommandQuery(keys.aliases, 'aliases/list', {});
export const useQuerySet = (alias: string) => useCommandQuery(keys.querySet(alias), 'queries/get', { collection: alias });
export const useBackups = () => useCommandQuery(keys.backups, 'backups/list', {});
export const useRuns = (collection?: string, limit = 200) =>
  useCommandQuery(keys.runs(collection, limit), 'runs/list', collection ? { collection, limit } : { limit });

/**
 * A run with its log and failures. Events keep it current (see useRunEvents); a run driven by
 * another process (a CLI backfill: `live` false, no events reach us) is refetched every 2 s instead.
 */
export function useRunDetail(runId: number) {
  const t = useTransport();
  return useQuery<CommandOutput<'runs/get'>>({
    queryKey: keys.run(runId),
    queryFn: () => t.invoke('runs/get', { runId }),
    refetchInterval: (q) => {
      const d = q.state.data;
      return d && !d.live && (d.run.status === 'running' || d.run.status === 'queued') ? 2000 : false;
    },
  });
}

export const useChunks = (collection: string, kind: CommandInput<'verify/chunks'>['kind'] | null) =>
  useCommandQuery(keys.chunks(collection, kind ?? ''), 'verify/chunks', kind ? { collection, kind, limit: 200 } : null);

export const useDocument = (collection: string, id: string | null) =>
  useCommandQuery(keys.document(collection, id ?? ''), 'documents/get', id ? { collection, id } : null);

/** Reads a value only ever written with setQueryData (the last report of an action, the last progress event). */
function useStored<T>(key: QueryKey) {
  return useQuery<T>({ queryKey: key, queryFn: skipToken, gcTime: Infinity, staleTime: Infinity }).data;
}

export const useRunProgress = (runId: number) => useStored<RunProgress>(keys.progress(runId));
export const usePlanReport = (collection: string) => useStored<BackfillPlan>(keys.report('plan', collection));
export const useImportReport = (collection: string) => useStored<ImportReport>(keys.report('import', collection));
export const useVerifyReport = (collection: string) => useStored<VerifyReport>(keys.report('verify', collection));
export const useSpotcheckReport = (collection: string) => useStored<SpotcheckReport>(keys.report('spotcheck', collection));
/** The last swap gate (checks + side-by-side comparison) shown for an alias. */
export const useSwapGate = (alias: string) => useStored<SwapGate>(keys.report('swap', alias));

/** True when serve mode runs --read-only (or the database cannot be written): write actions are disabled up front. */
export function useReadOnly(): boolean {
  return useStatus().data?.readOnly ?? false;
}

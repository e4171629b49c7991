import { useMutation, useMutationState, useQueryClient, type MutationState, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import { keys } from './keys';
import { useTransport } from './TransportProvider';

/**
 * A command run on the user's say-so. Afterwards the lists it may have changed (collections, runs,
 * status) are refetched, and when `store` names a key the result is kept there, so a report stays
 * on screen when the user switches tabs and comes back.
 */
function useAction<N extends CommandName>(
  name: N,
  store?: (input: CommandInput<N>) => QueryKey,
  opts: { changes?: boolean; after?: (data: CommandOutput<N>, qc: QueryClient) => void } = {},
) {
  const t = useTransport();
  const qc = useQueryClient();
  return useMutation<CommandOutput<N>, Error, CommandInput<N>>({
    mutationKey: [name],
    mutationFn: (input) => t.invoke(name, input),
    onSuccess: (data, input) => {
      if (store) qc.setQueryData(store(input), data);
      opts.after?.(data, qc);
    },
    onSettled: () => {
      if (opts.changes === false) return;
      void qc.invalidateQueries({ queryKey: keys.collections });
      void qc.invalidateQueries({ queryKey: ['collection'] });
      void qc.invalidateQueries({ queryKey: keys.runsAll });
      void qc.invalidateQueries({ queryKey: keys.status });
      void qc.invalidateQueries({ queryKey: keys.aliases });
    },
  });
}

export const useCreateCollection = () => useAction('collections/create');
export const useImportPaths = () => useAction('import/paths', (i) => keys.report('import', i.collection));
export const useImportUpload = () => useAction('import/upload', (i) => keys.report('import', i.collection));
export const useChoosePaths = () => useAction('dialog/choose-paths', undefined, { changes: false });
export const usePlan = () => useAction('plan/create', (i) => keys.report('plan', i.collection));
export const useStartRun = () => useAction('runs/start');
/** Resuming changes the run's row (status, process): refetch it for the monitor. */
export const useResumeRun = () => useAction('runs/resume', undefined, { after: (r, qc) => void qc.invalidateQueries({ queryKey: keys.run(r.runId) }) });
export const useVerify = () => useAction('verify/run', (i) => keys.report('verify', i.collection));
export const useSpotcheck = () => useAction('spotcheck/run', (i) => keys.report('spotcheck', i.collection));
export const useHistoryMarkdown = () => useAction('history/markdown', undefined, { changes: false });
/** Derive, swap and purge change which collection an alias serves: the aliases are refetched with the lists (see useAction). */
export const useDerive = () => useAction('collections/derive');
/** The gate is kept per alias, so the Compare and Swap steps show the same one after switching tabs. */
export const useSwapPreview = () => useAction('swap/preview', (i) => keys.report('swap', i.alias));
export const useSwap = () => useAction('swap/run', undefined, { after: (r, qc) => qc.removeQueries({ queryKey: keys.report('swap', r.alias) }) });
/** A purge takes a backup first: the backups list changes too. */
export const usePurge = () => useAction('collections/purge', undefined, { after: (_r, qc) => void qc.invalidateQueries({ queryKey: keys.backups }) });
export const useSaveQueries = () =>
  useAction('queries/set', undefined, { changes: false, after: (set, qc) => qc.setQueryData(keys.querySet(set.name), set) });
/** A backup is also a `backup` run in the history, hence the default refetch of runs. */
export const useCreateBackup = () => useAction('backups/create', undefined, { after: (_r, qc) => void qc.invalidateQueries({ queryKey: keys.backups }) });

/**
 * A restore swaps the whole database: every cached answer may now be wrong. Results kept only in
 * the cache (the last plan, import, verify and spot-check reports, run progress) are dropped, since
 * nothing could refetch them; so is every query no screen shows now, so a screen opened next loads
 * the restored counts instead of flashing the old ones first; what is on screen is refetched.
 */
export const useRestoreBackup = () =>
  useAction('backups/restore', undefined, {
    after: (_r, qc) => {
      for (const key of [keys.reportsAll, ['progress']]) qc.removeQueries({ queryKey: key });
      qc.removeQueries({ type: 'inactive' });
      void qc.invalidateQueries();
    },
  });

/** The newest call of a whole-database action (back up, restore), so its result stays on screen after navigating away and back. */
export function useLastBackupAction<N extends 'backups/create' | 'backups/restore'>(name: N): MutationState<CommandOutput<N>, Error, CommandInput<N>> | undefined {
  const states = useMutationState({ filters: { mutationKey: [name] }, select: (m) => m.state as MutationState<CommandOutput<N>, Error, CommandInput<N>> });
  return states.at(-1);
}

/**
 * Pause and cancel: the monitor refetches the run rather than taking the row the request returned.
 * That row is as of the request; a run stops a batch or two later, and its `run/finished` event can
 * reach the page before this response does (tiny batches, a busy machine), so writing the returned
 * row would put a finished run back to `running` with an older count.
 */
export function useRunControl(kind: 'runs/pause' | 'runs/cancel') {
  const t = useTransport();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runId: number) => t.invoke(kind, { runId }),
    onSuccess: (run) => {
      void qc.invalidateQueries({ queryKey: keys.run(run.id) });
      void qc.invalidateQueries({ queryKey: keys.status });
    },
  });
}

/**
 * The newest call of a collection's action, wherever it was started (the DONE checklist starts a
 * verify that the Verify tab then shows running), so a tab can show "running…" and its error.
 */
export function useLastAction<N extends 'verify/run' | 'spotcheck/run' | 'plan/create' | 'import/paths' | 'import/upload'>(
  name: N,
  collection: string,
): MutationState<CommandOutput<N>, Error, CommandInput<N>> | undefined {
  const states = useMutationState({
    filters: { mutationKey: [name], predicate: (m) => (m.state.variables as { collection?: string } | undefined)?.collection === collection },
    select: (m) => m.state as MutationState<CommandOutput<N>, Error, CommandInput<N>>,
  });
  return states.at(-1);
}

import type { RunRecord } from '../../../../shared/types';

const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : '0');

/** One line saying what a run achieved, by kind. */
export function outcomeOf(run: RunRecord): string {
  const r = (run.result ?? {}) as Record<string, any>;
  if (run.error && run.status !== 'completed') return run.error;
  switch (run.kind) {
    case 'backfill':
      return `${n(run.embedded)} embedded · ${n(run.failed)} failed · ${n(run.skipped)} skipped (${n(run.done)} of ${n(run.total)})`;
    case 'import':
      return r.documents
        ? `docs ${n(r.documents.added)} added · ${n(r.documents.updated)} updated · ${n(r.documents.unchanged)} unchanged · ${Array.isArray(r.skipped) ? r.skipped.length : 0} skipped`
        : run.status;
    case 'verify':
      return r.status ? `${r.status} · ${n(r.vectors)} vectors / ${n(r.chunks)} chunks · ${n(r.missing)} missing · ${n(r.stale)} stale · ${n(r.orphaned)} orphaned` : run.status;
    case 'spotcheck':
      return r.queries !== undefined ? `${n(r.queriesWithCitations)} of ${n(r.queries)} queries cited${Array.isArray(r.warnings) && r.warnings.length ? ' · warning' : ''}` : run.status;
    case 'backup':
    case 'restore':
      // Same wording as the CLI's history (services/history.ts): a backup names its file, a restore its source.
      return run.kind === 'backup' ? (typeof r.file === 'string' ? `to ${r.file}` : run.status) : typeof r.from === 'string' ? `from ${r.from}` : run.status;
    case 'derive':
      return r.to ? `${r.from} → ${r.to} · ${n(r.documents)} documents → ${n(r.chunks)} chunks` : run.status;
    case 'swap': {
      const cmp = r.gate?.comparison;
      return r.to
        ? `${run.collection}: ${r.from ?? '(new)'} → ${r.to}${r.back ? ' (back)' : ''} · verify ${r.gate?.verify?.status ?? '?'}${cmp ? ` · overlap ${Math.round(cmp.meanOverlap * 100)} %` : ''}${r.forced ? ' · FORCED' : ''}`
        : run.status;
    }
    case 'purge':
      return r.counts ? `deleted ${n(r.counts.documents)} docs · ${n(r.counts.chunks)} chunks · ${n(r.counts.vectors)} vectors · backup ${r.backup}` : run.status;
  }
}

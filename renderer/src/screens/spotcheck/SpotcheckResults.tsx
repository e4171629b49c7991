import type { SpotcheckHit, SpotcheckReport, SpotcheckResult } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { runHref } from '../../lib/route';
import { HitList } from './HitList';
import { OverlapLine } from './OverlapLine';

function QueryResult({ result, index, onOpen }: { result: SpotcheckResult; index: number; onOpen: (h: SpotcheckHit) => void }) {
  const keywordHits = result.keywordHits ?? [];
  const vectorIds = new Set(result.hits.map((h) => h.chunkId));
  const keywordIds = new Set(keywordHits.map((h) => h.chunkId));
  return (
    <section className="card" aria-labelledby={`q${index}-h`} data-testid="query-result">
      <h3 id={`q${index}-h`} className="query-title">
        <span className="muted">Query {index + 1}:</span> “{result.query}”{' '}
        {result.hits.length ? <Badge tone="ok">{result.hits.length} cited</Badge> : <Badge tone="bad">no citation</Badge>}
      </h3>
      {result.overlap && <OverlapLine overlap={result.overlap} vector={result.hits.length} keyword={keywordHits.length} />}
      <div className="hitcols">
        <HitList title="By meaning (vector, cosine similarity)" scoreLabel="cos" hits={result.hits} otherIds={keywordIds} otherLabel="also by keyword" onOpen={onOpen} />
        {result.keywordHits && <HitList title="By keyword (BM25)" scoreLabel="bm25" hits={keywordHits} otherIds={vectorIds} otherLabel="also by meaning" onOpen={onOpen} />}
      </div>
    </section>
  );
}

/** Each query with its cited hits; any cross-check warning first, where it cannot be missed. */
export function SpotcheckResults({ report, onOpen }: { report: SpotcheckReport; onOpen: (h: SpotcheckHit) => void }) {
  const warnings = report.warnings ?? [];
  return (
    <div className="stack" data-testid="spotcheck-results">
      {warnings.length > 0 && (
        <div className="notice notice--warn notice--big" role="alert" data-testid="spotcheck-warnings">
          <p className="notice__title">
            <span aria-hidden="true">! </span>Warning
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">
        Top {report.k} from <strong>{report.collection}</strong> only
        {report.runId ? (
          <>
            {' '}
            · recorded as <a href={runHref(report.runId)}>run #{report.runId}</a>
          </>
        ) : null}
        . Open a citation to read the passage in its document.
      </p>
      {report.results.map((r, i) => (
        <QueryResult key={`${i}-${r.query}`} result={r} index={i} onOpen={onOpen} />
      ))}
    </div>
  );
}

import type { RunDetail } from '../../../../shared/api';
import { fmtTime } from '../../lib/format';

/** Chunks that failed to embed, each with its error (a chunk failing 3 times is set aside). */
export function RunFailures({ failures, failed }: { failures: RunDetail['failures']; failed: number }) {
  return (
    <section className="card" aria-labelledby="failures-h">
      <h2 id="failures-h">Failures {failed > 0 && <span className="text-bad num">({failed.toLocaleString('en-US')})</span>}</h2>
      {failures.length === 0 ? (
        <p className="muted">No chunk failed.</p>
      ) : (
        <div className="table-wrap table-wrap--scroll">
          <table className="table table--compact" data-testid="run-failures">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Chunk id
                </th>
                <th scope="col">Error</th>
                <th scope="col">At</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr key={`${f.chunkId}-${f.at}`}>
                  <td className="num mono">{f.chunkId}</td>
                  <td className="wrap">{f.error}</td>
                  <td className="nowrap">{fmtTime(f.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import type { ComparedDocument, ComparedQuery, SpotcheckComparison } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import type { Tone } from '../../lib/health';
import { fmtInt } from '../../lib/format';

const SOURCE: Record<SpotcheckComparison['source'], string> = {
  saved: 'the saved queries',
  given: 'the queries given',
  'document-titles': 'document titles (no queries saved: save 3–5 you trust)',
};

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** What happened to a document between the live list and the candidate's, as a word with an arrow (never colour alone). */
function change(d: ComparedDocument): { tone: Tone; text: string; label: string } {
  switch (d.change) {
    case 'same':
      return { tone: 'neutral', text: '= same', label: 'same rank' };
    case 'up':
      return { tone: 'ok', text: `▲ up ${(d.liveRank ?? 0) - (d.candidateRank ?? 0)}`, label: `up from ${d.liveRank} to ${d.candidateRank}` };
    case 'down':
      return { tone: 'warn', text: `▼ down ${(d.candidateRank ?? 0) - (d.liveRank ?? 0)}`, label: `down from ${d.liveRank} to ${d.candidateRank}` };
    case 'appeared':
      return { tone: 'info', text: '+ new', label: 'new in the candidate' };
    case 'disappeared':
      return { tone: 'bad', text: '− gone', label: 'no longer in the candidate' };
  }
}

function Passage({ p }: { p: ComparedDocument['live'] }) {
  if (!p) return <span className="muted">—</span>;
  return (
    <span className="passage">
      {/* Two short lines, so both cite columns fit beside the titles at 1280 px. */}
      chunk {p.chunk} · {fmtInt(p.start)}–{fmtInt(p.end)}
      <br />
      <span className="muted">cosine {p.score.toFixed(3)}</span>
    </span>
  );
}

function QueryComparison({ q, k, n, live, candidate, compact }: { q: ComparedQuery; k: number; n: number; live: string; candidate: string; compact: boolean }) {
  const rows = [...q.documents].sort((a, b) => (a.candidateRank ?? 1000 + (a.liveRank ?? 0)) - (b.candidateRank ?? 1000 + (b.liveRank ?? 0)));
  return (
    <section className="cmp-query" data-testid="compared-query" aria-labelledby={`cmp-q${n}`}>
      <h4 id={`cmp-q${n}`} className="cmp-query__title">
        <span className="muted">{n}.</span> “{q.query}”
      </h4>
      <p className="cmp-query__stats">
        <Badge tone={q.overlap >= 0.8 ? 'ok' : q.overlap >= 0.5 ? 'warn' : 'bad'} testId="query-overlap">
          overlap {pct(q.overlap)}
        </Badge>{' '}
        <span>{q.sameTop ? 'same top document' : <strong>top document changed</strong>}</span>
        <span className="muted"> · {q.appeared} new · {q.disappeared} gone (top {k} documents each)</span>
      </p>
      <div className="table-wrap">
        <table className="table table--compact cmp-table">
          <caption className="caption">
            <strong>New</strong>: rank in {candidate} (candidate) · <strong>Live</strong>: rank in {live} {compact ? '' : '· cites: chunk · characters · cosine score'}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num cmp-rank">
                New
              </th>
              <th scope="col" className="cmp-move">
                Move
              </th>
              <th scope="col" className="num cmp-rank">
                Live
              </th>
              <th scope="col">Document</th>
              {!compact && <th scope="col">New cites</th>}
              {!compact && <th scope="col">Live cites</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const c = change(d);
              return (
                <tr key={d.id} className={`cmp-row cmp-row--${d.change}`} data-testid="compared-document" data-change={d.change}>
                  <td className="num strong">{d.candidateRank ?? '—'}</td>
                  <td className="nowrap" aria-label={c.label}>
                    {/* The arrow or sign is the icon here: no second one from <Badge>. */}
                    <span className={`badge badge--${c.tone}`}>{c.text}</span>
                  </td>
                  <td className="num">{d.liveRank ?? '—'}</td>
                  <th scope="row" className="cmp-doc">
                    {d.title}
                    <span className="cmp-doc__id mono small">{d.id}</span>
                  </th>
                  {!compact && (
                    <td>
                      <Passage p={d.candidate} />
                    </td>
                  )}
                  {!compact && (
                    <td>
                      <Passage p={d.live} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The same queries against the live collection and the candidate, side by side: per query the
 * candidate's documents in order, how each moved, what is new and what is gone, and the overlap.
 */
/** `compact` leaves out the cited passages (for narrow places such as a history row). */
export function ComparisonView({ comparison, compact = false }: { comparison: SpotcheckComparison; compact?: boolean }) {
  const c = comparison;
  return (
    <div className="stack cmp" data-testid="comparison">
      <p className="cmp__lede">
        <strong>{c.live}</strong> (live) → <strong>{c.candidate}</strong> (candidate): top {c.k} documents for {SOURCE[c.source]}. Mean overlap{' '}
        <strong className="num" data-testid="mean-overlap">
          {pct(c.meanOverlap)}
        </strong>{' '}
        over {c.queries.length} quer{c.queries.length === 1 ? 'y' : 'ies'}.
      </p>
      {c.notes.length > 0 && (
        <ul className="notice notice--info cmp__notes" data-testid="comparison-notes">
          {c.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {c.queries.map((q, i) => (
        <QueryComparison key={q.query} q={q} k={c.k} n={i + 1} live={c.live} candidate={c.candidate} compact={compact} />
      ))}
    </div>
  );
}

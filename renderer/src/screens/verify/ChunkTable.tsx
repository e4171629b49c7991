import type { CommandInput } from '../../../../shared/api';
import { useChunks } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { fmtInt } from '../../lib/format';
import { ChunkText } from './ChunkText';

/** The chunks behind a discrepancy: document, chunk number, offsets, text and why each is listed. */
export function ChunkTable({ collection, kind }: { collection: string; kind: CommandInput<'verify/chunks'>['kind'] }) {
  const q = useChunks(collection, kind);
  return (
    <QueryView query={q} what={`${kind} chunks`}>
      {(chunks) =>
        chunks.length === 0 ? (
          <EmptyState title={`No ${kind} chunks now.`}>The collection may have changed since this report: verify again.</EmptyState>
        ) : (
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--compact" data-testid="drill-chunks">
              <caption className="caption">
                {fmtInt(chunks.length)} {kind} chunk(s){chunks.length >= 200 ? ' (the first 200)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Chunk id
                  </th>
                  <th scope="col">Document</th>
                  <th scope="col" className="num">
                    Chunk #
                  </th>
                  <th scope="col" className="num">
                    Offsets
                  </th>
                  <th scope="col">Text</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {chunks.map((c) => (
                  <tr key={c.chunkId}>
                    <td className="num mono">{c.chunkId}</td>
                    <td className="wrap">
                      {c.document.title}
                      {c.document.id && <span className="muted mono small"> {c.document.id}</span>}
                    </td>
                    <td className="num">{c.ordinal >= 0 ? c.ordinal : '—'}</td>
                    <td className="num nowrap">{c.ordinal >= 0 ? `${c.start}–${c.end}` : '—'}</td>
                    <td className="wrap chunktext">
                      <ChunkText text={c.text} />
                    </td>
                    <td className="wrap">{c.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryView>
  );
}

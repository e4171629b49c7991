import type { ImportSkip } from '../../../../shared/reports';
import { Badge } from '../../components/Badge';

/**
 * Uploaded files are imported from a temporary folder on the server; its path means nothing to the
 * person who picked the files, so show the name they know.
 */
const displayPath = (p: string) => p.replace(/^.*[\\/]embedops-uploads[^\\/]*[\\/]upload-[^\\/]+[\\/]/, '');

/** Every file or record left out, with the reason and what to do about it. */
export function SkippedTable({ skipped }: { skipped: ImportSkip[] }) {
  if (!skipped.length) return <p className="muted">Nothing was skipped.</p>;
  return (
    <div className="table-wrap">
      <h3>
        Skipped <Badge tone="warn">{skipped.length}</Badge>
      </h3>
      <table className="table table--compact" data-testid="skipped">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Where</th>
            <th scope="col">Reason</th>
            <th scope="col">What to do</th>
          </tr>
        </thead>
        <tbody>
          {skipped.map((s, i) => (
            <tr key={`${s.path}:${s.locator ?? ''}:${i}`}>
              <td className="mono wrap" title={s.path}>
                {displayPath(s.path)}
              </td>
              <td>{s.locator ?? 'whole file'}</td>
              <td>
                <Badge tone="warn">{s.reason}</Badge>
              </td>
              <td className="wrap">{s.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

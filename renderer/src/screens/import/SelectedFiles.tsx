import { fmtBytes } from '../../lib/format';
import type { UploadFile } from '../../lib/files';

const SHOWN = 200;

/** The files about to be uploaded, each removable. */
export function SelectedFiles({ files, onRemove, disabled }: { files: UploadFile[]; onRemove: (name: string) => void; disabled: boolean }) {
  return (
    <div className="filelist-wrap">
      <table className="table table--compact" data-testid="selected-files">
        <caption className="visually-hidden">Files to upload</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.slice(0, SHOWN).map((f) => (
            <tr key={f.name}>
              <td className="mono wrap">{f.name}</td>
              <td className="num">{fmtBytes(f.size)}</td>
              <td>
                <button type="button" className="btn btn--small btn--ghost" onClick={() => onRemove(f.name)} disabled={disabled} aria-label={`Remove ${f.name}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.length > SHOWN && <p className="muted">…and {files.length - SHOWN} more.</p>}
    </div>
  );
}

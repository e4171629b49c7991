import { useState } from 'react';
import { useChoosePaths, useImportPaths } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The desktop app: the system's own file and folder dialogs, then `import/paths`. */
export function DesktopPicker({ collection }: { collection: string }) {
  const choose = useChoosePaths();
  const importPaths = useImportPaths();
  const readOnly = useReadOnly();
  const [paths, setPaths] = useState<string[]>([]);
  const pick = (kind: 'files' | 'folder') => choose.mutate({ kind }, { onSuccess: (r) => r.paths.length && setPaths(r.paths) });
  return (
    <section className="card" aria-labelledby="desktop-pick-h">
      <h2 id="desktop-pick-h">Choose files or a folder</h2>
      <div className="row-gap">
        <button type="button" className="btn" onClick={() => pick('files')} disabled={choose.isPending}>
          Choose files…
        </button>
        <button type="button" className="btn" onClick={() => pick('folder')} disabled={choose.isPending}>
          Choose a folder…
        </button>
      </div>
      {choose.isError && <ErrorNotice title="The dialog did not open" error={choose.error} />}
      {paths.length > 0 && (
        <>
          <ul className="pathlist mono" aria-label="Chosen paths">
            {paths.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <div className="row-gap">
            <button type="button" className="btn btn--primary" disabled={importPaths.isPending || readOnly} onClick={() => importPaths.mutate({ collection, paths })}>
              {importPaths.isPending ? 'Importing…' : `Import ${paths.length} path(s)`}
            </button>
            <button type="button" className="btn" onClick={() => setPaths([])} disabled={importPaths.isPending}>
              Clear
            </button>
          </div>
        </>
      )}
    </section>
  );
}

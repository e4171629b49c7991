import { useId, useState, type FormEvent } from 'react';
import { useImportPaths } from '../../api/actions';
import { useReadOnly } from '../../api/queries';

/** Paths as the engine's machine sees them: one per line, files or folders. */
export function ServerPathForm({ collection, desktop }: { collection: string; desktop: boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  const importPaths = useImportPaths();
  const readOnly = useReadOnly();
  const paths = text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (paths.length) importPaths.mutate({ collection, paths });
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{desktop ? 'Type a path' : 'Path on the server'}</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-paths`}>Files or folders, one per line</label>
          <textarea
            id={`${id}-paths`}
            rows={3}
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'/home/analyst/corpus\n/media/usb/export.jsonl'}
            spellCheck={false}
            aria-describedby={`${id}-help`}
            data-testid="server-paths"
          />
          <p id={`${id}-help`} className="field__help">
            {desktop ? 'Absolute paths on this computer.' : 'Absolute paths on the machine running embedops serve (not this browser’s computer).'}
          </p>
        </div>
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={!paths.length || importPaths.isPending || readOnly}>
            {importPaths.isPending ? 'Importing…' : `Import ${paths.length > 1 ? `${paths.length} paths` : 'path'}`}
          </button>
          {readOnly && <span className="muted">Read-only: imports are disabled.</span>}
        </div>
      </form>
    </section>
  );
}

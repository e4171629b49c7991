import { useRef, useState, type DragEvent } from 'react';
import { useImportUpload } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fmtBytes } from '../../lib/format';
import { MAX_FILE_BYTES, MAX_FILES, filesFromDrop, readBase64, toUpload, type UploadFile } from '../../lib/files';
import { SelectedFiles } from './SelectedFiles';

/** Problems to fix before sending: the server would refuse these anyway, with less context. */
function problems(files: UploadFile[]): string[] {
  const out: string[] = [];
  if (files.length > MAX_FILES) out.push(`${files.length} files are selected; one upload takes at most ${MAX_FILES}. Import in parts, or give the folder's path on the server.`);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) out.push(`Two files are named "${f.name}": remove one, or put them in separate imports.`);
    seen.add(f.name);
    if (f.size > MAX_FILE_BYTES) out.push(`"${f.name}" is ${fmtBytes(f.size)}; an upload takes files up to ${fmtBytes(MAX_FILE_BYTES)}. Give its path on the server instead.`);
  }
  return out;
}

/** Serve mode: pick files, a folder, or drop them; their bytes go to `import/upload` as base64. */
export function UploadPicker({ collection }: { collection: string }) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [readError, setReadError] = useState<Error | null>(null);
  const upload = useImportUpload();
  const readOnly = useReadOnly();

  const add = (more: Iterable<File>) => {
    setReadError(null);
    // Copy now: the input's FileList is emptied right after (so the same file can be picked again).
    const next = toUpload(more);
    const names = new Set(next.map((f) => f.name));
    // Picking the same file again replaces it rather than listing it twice.
    setFiles((prev) => [...prev.filter((f) => !names.has(f.name)), ...next]);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void filesFromDrop(e.dataTransfer.items).then(add, (err: Error) => setReadError(err));
  };
  const send = async () => {
    setReadError(null);
    try {
      const payload: { name: string; base64: string }[] = [];
      setReading({ done: 0, total: files.length });
      for (const f of files) {
        payload.push({ name: f.name, base64: await readBase64(f.file) });
        setReading({ done: payload.length, total: files.length });
      }
      setReading(null);
      upload.mutate({ collection, files: payload }, { onSuccess: () => setFiles([]) });
    } catch (err) {
      setReading(null);
      setReadError(err as Error);
    }
  };

  const issues = problems(files);
  const busy = !!reading || upload.isPending;
  const total = files.reduce((s, f) => s + f.size, 0);
  return (
    <section className="card" aria-labelledby="upload-h">
      <h2 id="upload-h">Upload from this computer</h2>
      <div
        className={`dropzone${over ? ' dropzone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>Drop files or folders here, or</p>
        <div className="row-gap">
          <button type="button" className="btn" onClick={() => filesInput.current?.click()} disabled={busy}>
            Choose files…
          </button>
          <button type="button" className="btn" onClick={() => folderInput.current?.click()} disabled={busy}>
            Choose a folder…
          </button>
        </div>
        <input ref={filesInput} type="file" multiple hidden data-testid="file-input" onChange={(e) => (add(e.target.files ?? []), (e.target.value = ''))} />
        <input
          ref={folderInput}
          type="file"
          hidden
          data-testid="folder-input"
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => (add(e.target.files ?? []), (e.target.value = ''))}
        />
      </div>
      {files.length > 0 && <SelectedFiles files={files} onRemove={(name) => setFiles((fs) => fs.filter((f) => f.name !== name))} disabled={busy} />}
      {issues.length > 0 && (
        <ul className="notice notice--warn" role="alert">
          {issues.slice(0, 10).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="row-gap">
        <button type="button" className="btn btn--primary" disabled={!files.length || issues.length > 0 || busy || readOnly} onClick={() => void send()} data-testid="upload">
          {reading ? `Reading ${reading.done} of ${reading.total}…` : upload.isPending ? 'Importing…' : files.length ? `Import ${files.length} file(s), ${fmtBytes(total)}` : 'Import'}
        </button>
        {files.length > 0 && (
          <button type="button" className="btn" onClick={() => setFiles([])} disabled={busy}>
            Clear
          </button>
        )}
        {readOnly && <span className="muted">Read-only: imports are disabled.</span>}
      </div>
      {readError && <ErrorNotice title="A file could not be read" error={readError} />}
    </section>
  );
}

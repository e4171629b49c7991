import { useImportReport } from '../../api/queries';
import { useLastAction } from '../../api/actions';
import { useTaskProgress } from '../../api/events';
import { useTransport } from '../../api/TransportProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TaskProgressLine } from '../../components/TaskProgress';
import { useReveal } from '../../lib/use-reveal';
import { DesktopPicker } from './DesktopPicker';
import { ImportReportView } from './ImportReportView';
import { ServerPathForm } from './ServerPathForm';
import { UploadPicker } from './UploadPicker';

/** Step 1: bring documents in. A browser uploads bytes; the desktop app and a typed path read files where the engine runs. */
export function ImportTab({ collection }: { collection: string }) {
  const t = useTransport();
  const report = useImportReport(collection);
  const upload = useLastAction('import/upload', collection);
  const paths = useLastAction('import/paths', collection);
  const reveal = useReveal<HTMLDivElement>(report?.runId);
  const last = [upload, paths].filter((m) => !!m).sort((a, b) => a.submittedAt - b.submittedAt).at(-1);
  const importing = last?.status === 'pending';
  const progress = useTaskProgress(['import/paths', 'import/upload'], collection, importing);
  return (
    <div className="stack">
      <p className="muted">
        Supported: .txt .md .markdown .html .htm .json .jsonl .ndjson .csv .tsv. Unchanged documents are skipped; changed ones are re-chunked and
        their changed chunks' vectors become stale. Files that cannot be read are listed with the reason.
      </p>
      <div className="split">
        {t.kind === 'http' ? <UploadPicker collection={collection} /> : <DesktopPicker collection={collection} />}
        <ServerPathForm collection={collection} desktop={t.kind === 'ipc'} />
      </div>
      {importing && <TaskProgressLine progress={progress} verb="Importing" waiting="Starting the import" />}
      {last?.status === 'error' && <ErrorNotice title="The import did not run" error={last.error} />}
      <div ref={reveal} className="scroll-target">
        {report && <ImportReportView report={report} />}
      </div>
    </div>
  );
}

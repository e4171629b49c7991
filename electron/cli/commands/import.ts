import { importPaths, type ImportReport } from '../../ingest/import';
import { type Command, refuseSettingsChange, requireArgs } from '../context';
import { fmtInt } from '../format';
import { ProgressReporter } from '../progress';

function reportText(r: ImportReport): string {
  const d = r.documents;
  const lines = [
    `Imported into ${r.collection} (run #${r.runId}): ${fmtInt(r.files)} file(s), ${(r.bytes / 1e6).toFixed(2)} MB in ${r.seconds.toFixed(1)} s (${r.megabytesPerSecond.toFixed(2)} MB/s)`,
    `  documents  ${fmtInt(d.added)} added · ${fmtInt(d.updated)} updated · ${fmtInt(d.unchanged)} unchanged`,
    `  chunks     ${fmtInt(r.chunks.added)} added · ${fmtInt(r.chunks.changed)} changed (their vectors are now stale) · ${fmtInt(r.chunks.removed)} removed`,
  ];
  if (r.skipped.length) {
    lines.push(`  skipped    ${fmtInt(r.skipped.length)}:`);
    for (const s of r.skipped) lines.push(`    ${s.path}${s.locator ? ` (${s.locator})` : ''}: ${s.message}`);
  }
  if (d.added + d.updated > 0) lines.push('', `Next: embedops plan ${r.collection} --mode missing`);
  return lines.join('\n');
}

export const importCommands: Record<string, Command> = {
  import: {
    usage: 'embedops import COLLECTION PATH…',
    summary: 'import files and folders (.txt .md .html .json .jsonl .csv .tsv); unchanged documents are skipped',
    async run(ctx) {
      requireArgs(ctx, 2, this.usage);
      const [name, ...paths] = ctx.args as [string, ...string[]];
      refuseSettingsChange(ctx, name);
      const progress = new ProgressReporter(ctx.stderr);
      const report = await importPaths(ctx.engine(), name, paths, {
        signal: ctx.signal,
        onProgress: (p) => progress.update({ done: p.documents, total: 0, label: `documents · ${p.files} file(s) · ${(p.bytes / 1e6).toFixed(1)} MB` }),
      });
      progress.end();
      const imported = report.documents.added + report.documents.updated + report.documents.unchanged;
      // Exit 0 when something was imported (every skip is named in the report), 2 when nothing could be.
      return { data: report, text: reportText(report), exitCode: imported > 0 ? 0 : 2 };
    },
  },
};

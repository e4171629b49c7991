import type { VerifyReport } from '../../../shared/types';

/** Markdown of a verify report: what a reviewer files with their sign-off. */
export function verifyMarkdown(r: VerifyReport): string {
  const lines = [
    `# Verify ${r.collection}: ${r.status}`,
    '',
    `- Checked at: ${r.checkedAt}`,
    `- Run: #${r.runId}`,
    `- Model: ${r.modelId}`,
    `- Model fingerprint (recorded): ${r.modelFingerprint}`,
    `- Model fingerprint (on disk now): ${r.currentModelFingerprint ?? 'not found'}`,
    `- Dimension: ${r.dimension}`,
    `- Chunk size / overlap: ${r.chunkSize} / ${r.chunkOverlap} tokens`,
    `- Result: **${r.status}**`,
    '',
    '## Counts',
    '',
    '| count | value | SQL |',
    '| --- | ---: | --- |',
    ...r.counts.map((c) => `| ${c.name} | ${c.value} | \`${c.sql.replace(/\|/g, '\\|')}\` |`),
    '',
  ];
  if (r.warnings.length) lines.push('## Warnings', '', ...r.warnings.map((w) => `- ${w}`), '');
  lines.push('## Discrepancies', '');
  if (!r.discrepancies.length) lines.push(`None: vectors == chunks (${r.vectors}); nothing missing, stale, orphaned or bad.`, '');
  for (const d of r.discrepancies) {
    lines.push(`- **${d.kind}** (${d.count}): ${d.explanation}` + (d.sampleChunkIds.length ? ` Sample chunk ids: ${d.sampleChunkIds.join(', ')}.` : ''));
  }
  lines.push('', '## Sign-off', '', 'Counts checked by: ____________________    Date: ____________');
  return lines.join('\n') + '\n';
}

/** RFC 4180 quoting: every field quoted, quotes doubled, so SQL with commas survives a spreadsheet. */
const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;

/** CSV of a verify report: one row per count, with the report's identity repeated on each row. */
export function verifyCsv(r: VerifyReport): string {
  const head = ['collection', 'model_id', 'model_fingerprint', 'dimension', 'chunk_size', 'chunk_overlap', 'checked_at', 'run_id', 'result', 'count', 'value', 'sql'];
  const rows = r.counts.map((c) => [r.collection, r.modelId, r.modelFingerprint, r.dimension, r.chunkSize, r.chunkOverlap, r.checkedAt, r.runId, r.status, c.name, c.value, c.sql]);
  return [head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

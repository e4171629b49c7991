import type { SpotcheckReport, VerifyReport } from '../../../shared/types';
import { spotcheck } from '../../services/spotcheck';
import { verifyCollection } from '../../services/verify';
import { type Command, intOption, requireArgs } from '../context';
import { fmtInt, truncate } from '../format';

function verifyText(r: VerifyReport): string {
  const lines = [`${r.status}  ${r.collection}  (${r.modelId}, ${r.dimension}-d, ${r.modelFingerprint.slice(0, 19)}…)`, ''];
  const width = Math.max(...r.counts.map((c) => fmtInt(c.value).length));
  for (const c of r.counts) lines.push(`  ${c.name.padEnd(15)} ${fmtInt(c.value).padStart(width)}   ${c.sql}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.discrepancies.length) {
    lines.push('', 'Discrepancies:');
    for (const d of r.discrepancies) {
      lines.push(`  - ${d.kind}: ${d.explanation}`);
      if (d.sampleChunkIds.length) lines.push(`    chunk ids: ${d.sampleChunkIds.join(', ')}${d.count > d.sampleChunkIds.length ? ', …' : ''}`);
    }
  } else {
    lines.push('', `vectors == chunks (${fmtInt(r.chunks)}); nothing missing, stale, orphaned or bad.`);
  }
  return lines.join('\n');
}

function spotcheckText(r: SpotcheckReport): string {
  const lines: string[] = [];
  for (const { query, hits } of r.results) {
    lines.push(`Query: ${query}`);
    if (!hits.length) lines.push('  (no results: the collection has no vectors yet?)');
    hits.forEach((h, i) => {
      lines.push(`  ${i + 1}. [${h.score.toFixed(3)}] ${h.document.title || h.document.id}  — doc ${h.document.id}, chunk ${h.chunk}, chars ${h.start}–${h.end}`);
      lines.push(`     "${truncate(h.snippet, 160)}"`);
    });
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export const verifyCommands: Record<string, Command> = {
  verify: {
    usage: 'embedops verify COLLECTION',
    summary: 'count documents, chunks, vectors, missing, stale, orphaned and bad vectors; PASS or FAIL (exit 1)',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const report = await verifyCollection(ctx.engine(), ctx.args[0]!);
      return { data: report, text: verifyText(report), exitCode: report.status === 'PASS' ? 0 : 1 };
    },
  },
  spotcheck: {
    usage: 'embedops spotcheck COLLECTION "query" ["query" …] [-k 5]',
    summary: 'top-k results with citations (document, chunk, character offsets, snippet, score)',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 2, this.usage);
      const [name, ...queries] = ctx.args as [string, ...string[]];
      const report = await spotcheck(ctx.engine(), name, queries, intOption(ctx, 'k', 5));
      return { data: report, text: spotcheckText(report) };
    },
  },
};

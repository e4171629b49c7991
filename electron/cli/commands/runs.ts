import type { BackfillMode, BackfillPlan, RunRecord, SecretsPlan } from '../../../shared/types';
import { resumeBackfill, startBackfill } from '../../jobs/backfill';
import { planBackfill } from '../../jobs/plan';
import { kindsText } from '../../secrets/detect';
import { validateSecretsPolicy } from '../../secrets/guard';
import { requestControl, runFailures } from '../../store/runs';
import { type Command, type CommandContext, intOption, oneOf, refuseSettingsChange, requireArgs, runId, stringOption } from '../context';
import { fmtDuration, fmtInt } from '../format';
import { ProgressReporter } from '../progress';

const MODES = ['missing', 'stale', 'rebuild'] as const;

/** Where the flagged chunks are: document, chunk number, kinds and character offsets; never the text. */
function secretsText(s: SecretsPlan): string[] {
  if (!s.flagged) return [];
  const lines = [`  secrets      ${fmtInt(s.flagged)} chunk(s) look like credentials: ${kindsText(s.byKind)} (policy ${s.policy})`];
  for (const f of s.chunks.slice(0, 20)) {
    const spans = f.spans.map((x) => `${x.kind} chars ${x.start}–${x.end}`).join(', ');
    lines.push(`               ${f.document.id} "${f.document.title}" chunk ${f.chunk}: ${spans}`);
  }
  if (s.flagged > 20) lines.push(`               … ${fmtInt(s.flagged - 20)} more (--json lists the first ${s.chunks.length})`);
  return lines;
}

function secretsOption(ctx: CommandContext) {
  const raw = ctx.options.secrets;
  return validateSecretsPolicy(typeof raw === 'string' ? raw : undefined);
}

function planText(p: BackfillPlan): string {
  const lines = [
    `Plan #${p.id} for ${p.collection}: mode ${p.mode}, batch size ${p.batchSize}`,
    `  will embed   ${fmtInt(p.toEmbed)} of ${fmtInt(p.chunks)} chunks in ${fmtInt(p.batches)} batch(es)  (missing ${fmtInt(p.missing)} · stale ${fmtInt(p.stale)})`,
  ];
  if (p.poisoned) lines.push(`  set aside    ${fmtInt(p.poisoned)} chunk(s) failed 3 times; add --retry-failed to try them again`);
  lines.push(...secretsText(p.secrets));
  lines.push(
    `  estimate     ${p.chunksPerSecond ? `${p.chunksPerSecond.toFixed(1)} chunks/s (measured on a sample of this collection) → about ${fmtDuration(p.estimateSeconds)}` : p.toEmbed === 0 ? 'nothing to do' : 'unknown (the model did not load)'}`,
    '  checks',
  );
  for (const c of p.checks) lines.push(`    ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  lines.push('', p.ready ? `Ready. Run: ${p.command}` : 'Not ready: fix the failed check(s) above first.');
  return lines.join('\n');
}

function runText(r: RunRecord, failures: { chunkId: number; error: string }[]): string {
  const lines = [`Run #${r.id} ${r.status}: ${fmtInt(r.done)}/${fmtInt(r.total)} done · ${fmtInt(r.embedded)} embedded · ${fmtInt(r.skipped)} skipped · ${fmtInt(r.failed)} failed`];
  if (r.error) lines.push(`  error: ${r.error}`);
  const g = (r.result?.secrets ?? null) as { policy: string; withheld: number; redacted: number; allowed: number } | null;
  if (g && (g.withheld || g.redacted || g.allowed)) {
    const what = g.withheld ? `${fmtInt(g.withheld)} chunk(s) withheld (not embedded)` : g.redacted ? `${fmtInt(g.redacted)} chunk(s) embedded with credentials redacted` : `${fmtInt(g.allowed)} chunk(s) embedded with what looks like credentials`;
    lines.push(`  secrets guard (policy ${g.policy}): ${what}`);
  }
  for (const f of failures.slice(0, 10)) lines.push(`  chunk ${f.chunkId}: ${f.error}`);
  if (failures.length > 10) lines.push(`  … ${failures.length - 10} more failures (embedops history ${r.collection} --json)`);
  if (r.status === 'completed') lines.push('', `Next: embedops verify ${r.collection}`);
  else if (r.status === 'cancelled' || r.status === 'paused') lines.push('', `Continue with: embedops resume ${r.id}`);
  return lines.join('\n');
}

function exitFor(r: RunRecord): number {
  return r.status === 'cancelled' ? 130 : r.status === 'failed' ? 4 : 0;
}

async function runWithProgress(ctx: CommandContext, go: (opts: { signal: AbortSignal; onProgress: Parameters<typeof startBackfill>[2]['onProgress'] }) => Promise<RunRecord>) {
  const progress = new ProgressReporter(ctx.stderr);
  const run = await go({
    signal: ctx.signal,
    onProgress: (p) => progress.update({ done: p.done, total: p.total, rate: p.rate, etaSeconds: p.etaSeconds, label: p.phase }),
  });
  progress.end();
  const failures = runFailures(ctx.engine().db, run.id);
  return { data: { run, failures }, text: runText(run, failures), exitCode: exitFor(run) };
}

export const runCommands: Record<string, Command> = {
  plan: {
    usage: 'embedops plan COLLECTION --mode missing|stale|rebuild [--batch-size 100] [--secrets skip|redact|allow]',
    summary: 'show what a backfill would embed, check every assumption, estimate the time, list chunks that look like credentials',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const mode = oneOf<BackfillMode>(stringOption(ctx, 'mode'), MODES, '--mode');
      refuseSettingsChange(ctx, ctx.args[0]!);
      const plan = await planBackfill(ctx.engine(), ctx.args[0]!, mode, intOption(ctx, 'batch-size'), secretsOption(ctx));
      return { data: plan, text: planText(plan), exitCode: plan.ready ? 0 : 3 };
    },
  },
  backfill: {
    usage: 'embedops backfill COLLECTION --mode missing|stale|rebuild [--batch-size 100] [--secrets skip|redact|allow] [--retry-failed]',
    summary: 'embed chunks in the background-safe way: batch transactions, checkpoint, Ctrl-C stops cleanly',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const mode = oneOf<BackfillMode>(stringOption(ctx, 'mode'), MODES, '--mode');
      refuseSettingsChange(ctx, ctx.args[0]!);
      const secrets = secretsOption(ctx);
      return runWithProgress(ctx, (o) =>
        startBackfill(ctx.engine(), ctx.args[0]!, { ...o, mode, batchSize: intOption(ctx, 'batch-size'), retryFailed: ctx.options['retry-failed'] === true, secrets }),
      );
    },
  },
  resume: {
    usage: 'embedops resume RUN',
    summary: 'continue an interrupted, paused, cancelled or failed backfill from its checkpoint',
    async run(ctx) {
      const id = runId(ctx, this.usage);
      return runWithProgress(ctx, (o) => resumeBackfill(ctx.engine(), id, o));
    },
  },
  cancel: {
    usage: 'embedops cancel RUN',
    summary: 'stop a running backfill after its batch in flight (it can be resumed)',
    async run(ctx) {
      const id = runId(ctx, this.usage);
      const run = requestControl(ctx.engine().db, id, 'cancel');
      const text = run.status === 'cancelled' ? `Run #${id} cancelled.` : `Cancel requested: run #${id} stops after its batch in flight.`;
      return { data: { run }, text };
    },
  },
};

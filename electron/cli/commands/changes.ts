import type { SpotcheckComparison, SwapGate } from '../../../shared/types';
import { listAliases } from '../../store/aliases';
import { getCollection } from '../../store/collections';
import { getQuerySet, saveQuerySet } from '../../store/query-sets';
import { deriveCollection } from '../../services/derive';
import { purgeCollection } from '../../services/purge';
import { swapAlias, swapCommand, swapGate, type SwapInput } from '../../services/swap';
import { type Command, type CommandContext, intOption, requireArgs, settingsOptions, stringOption } from '../context';
import { fmtInt, table, truncate } from '../format';
import { confirm } from './backups';

const CHANGE_MARK: Record<string, string> = { same: '=', up: '↑', down: '↓', appeared: 'new', disappeared: 'gone' };

export function comparisonText(c: SpotcheckComparison): string {
  const lines = [`Spot-check side by side: ${c.live} (live) → ${c.candidate} (candidate), top ${c.k} documents`];
  for (const q of c.queries) {
    lines.push('', `  "${truncate(q.query, 70)}" · overlap ${Math.round(q.overlap * 100)} % · ${q.appeared} appeared · ${q.disappeared} disappeared · top document ${q.sameTop ? 'unchanged' : 'CHANGED'}`);
    const rows = q.documents.map((d) => [
      d.liveRank === null ? '–' : String(d.liveRank),
      d.candidateRank === null ? '–' : String(d.candidateRank),
      CHANGE_MARK[d.change]!,
      truncate(`${d.id} · ${d.title}`, 60),
      d.candidate ? `chunk ${d.candidate.chunk} [${d.candidate.start}–${d.candidate.end}]` : `chunk ${d.live!.chunk} [${d.live!.start}–${d.live!.end}]`,
    ]);
    lines.push(...table(['live', 'new', '', 'document', 'cited'], rows).split('\n').map((l) => `    ${l}`));
  }
  lines.push('', ...c.notes.map((n) => `  ${n}`));
  return lines.join('\n');
}

export function gateText(g: SwapGate): string {
  const d = g.documents;
  const lines = [
    `Swap ${g.alias}: ${g.from ?? '(new alias)'} → ${g.to}`,
    `  verify ${g.to}: ${g.verify.status} · ${fmtInt(g.verify.chunks)} chunks · ${fmtInt(g.verify.vectors)} vectors (run #${g.verify.runId})`,
    ...g.verify.problems.map((p) => `    ${p}`),
    g.from ? `  documents: live ${fmtInt(d.live)} · candidate ${fmtInt(d.candidate)} · missing ${fmtInt(d.missing)} · different ${fmtInt(d.different)} · extra ${fmtInt(d.extra)}` : `  documents: ${fmtInt(d.candidate)}`,
  ];
  if (g.comparison) lines.push('', comparisonText(g.comparison));
  lines.push('', g.ok ? 'Checks: all pass.' : `Checks fail:\n- ${g.reasons.join('\n- ')}`);
  return lines.join('\n');
}

function queriesOption(ctx: CommandContext): string[] | undefined {
  const raw = ctx.options.query as unknown;
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return list.length ? list : undefined;
}

export const changeCommands: Record<string, Command> = {
  'collections derive': {
    usage: 'embedops collections derive NAME [--model M] [--chunk-size N] [--chunk-overlap N] [--dtype fp32|q8]',
    summary: 'build the next version (NAME@vN) beside the live one: new model or chunking, same documents',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const r = await deriveCollection(
        ctx.engine(),
        { from: ctx.args[0]!, ...settingsOptions(ctx) },
        { signal: ctx.signal, onProgress: (p) => ctx.json || ctx.stderr.write(`\rcopying documents ${fmtInt(p.documents)}/${fmtInt(p.total)}…`) },
      );
      if (!ctx.json) ctx.stderr.write('\n');
      const s = r.collection.settings;
      const text = [
        r.renamed ? `Collection ${r.renamed.from} is now ${r.renamed.to}; readers keep using the name ${r.alias} (an alias for it).` : '',
        `Derived ${s.name} from ${r.from}: ${fmtInt(r.documents)} documents → ${fmtInt(r.chunks)} chunks (${s.modelId}, ${s.modelDtype}, ${s.dimension}-d, chunk size ${s.chunkSize}, overlap ${s.chunkOverlap}).`,
        `Alias ${r.alias} still serves ${r.from}. Next:`,
        `  embedops plan ${s.name} --mode missing`,
        `  embedops backfill ${s.name} --mode missing`,
        `  embedops verify ${s.name}`,
        `  embedops swap ${r.alias} --to ${s.name}      (checks verify and compares the saved queries first)`,
      ].filter(Boolean);
      return { data: r, text: text.join('\n') };
    },
  },
  swap: {
    usage: 'embedops swap ALIAS (--to NAME@vN [--force] [--dry-run] [--query Q]… [--yes] | --back)',
    summary: 'point readers at a verified version in one step (checks + side-by-side spot-check first); --back undoes',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const input: SwapInput = { alias: ctx.args[0]!, to: stringOption(ctx, 'to'), back: ctx.options.back === true, force: ctx.options.force === true, queries: queriesOption(ctx) };
      const gate = await swapGate(ctx.engine(), input);
      if (ctx.options['dry-run'] === true) {
        return { data: { gate, swapped: false }, text: `${gateText(gate)}\n\nDry run: nothing changed. To swap: ${swapCommand(input)}`, exitCode: gate.ok ? 0 : 1 };
      }
      if (!input.back && !gate.ok && !input.force) {
        return {
          data: { gate, swapped: false, refused: gate.reasons },
          text: `${gateText(gate)}\n\nSwap refused; nothing changed. To swap anyway (recorded in history): ${swapCommand({ ...input, force: true })}`,
          exitCode: 3,
        };
      }
      // At a terminal the reviewer reads the comparison, then decides; scripts (and --yes) go on.
      const ask = process.stdin.isTTY && !ctx.json && ctx.options.yes !== true;
      if (ask) {
        ctx.stderr.write(`${gateText(gate)}\n\n`);
        await confirm(ctx, `Point ${input.alias} at ${gate.to}?`, `Readers get ${gate.to} at once; swap back with embedops swap ${input.alias} --back.`, 'Swap cancelled; nothing changed.');
      }
      const r = await swapAlias(ctx.engine(), input, gate);
      const done = `${r.forced ? 'FORCED (recorded in history): ' : ''}${r.alias} now serves ${r.to}${r.from ? ` (was ${r.from}; kept until purged; undo with: embedops swap ${r.alias} --back)` : ''}. Run #${r.runId}.`;
      return { data: { ...r, swapped: true }, text: ask ? done : `${gateText(gate)}\n\n${done}` };
    },
  },
  aliases: {
    usage: 'embedops aliases',
    summary: 'aliases readers use, what each serves and served before',
    readsOnly: true,
    async run(ctx) {
      const all = listAliases(ctx.engine().db);
      const text = all.length ? table(['alias', 'serves', 'before', 'since'], all.map((a) => [a.name, a.target, a.previous ?? '–', a.updatedAt.replace('T', ' ').slice(0, 19)])) : 'No aliases yet. One is made by: embedops collections derive NAME …';
      return { data: { aliases: all }, text };
    },
  },
  'collections purge': {
    usage: 'embedops collections purge NAME@vN [--yes] [--force]',
    summary: 'delete a retired collection after a backup (never one an alias serves)',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const name = ctx.args[0]!;
      getCollection(ctx.engine().db, name);
      await confirm(ctx, `Purge collection ${name}?`, 'Its documents, chunks and vectors are deleted; the database is backed up first.', 'Purge cancelled; nothing was deleted.');
      const r = await purgeCollection(ctx.engine(), name, { force: ctx.options.force === true });
      const c = r.counts;
      return { data: r, text: `Purged ${r.collection}: ${fmtInt(c.documents)} documents · ${fmtInt(c.chunks)} chunks · ${fmtInt(c.vectors)} vectors. The database before it: ${r.backup} (embedops restore to undo).` };
    },
  },
  'queries show': {
    usage: 'embedops queries show NAME',
    summary: 'the saved spot-check queries a swap compares on',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      getCollection(ctx.engine().db, ctx.args[0]!);
      const set = getQuerySet(ctx.engine().db, ctx.args[0]!);
      const text = set.queries.length ? [`Saved queries of ${set.name} (k ${set.k}, ${set.updatedAt}):`, ...set.queries.map((q, i) => `  ${i + 1}. ${q}`)].join('\n') : `No saved queries for ${set.name}. Save 3–5 you trust: embedops queries set ${set.name} "…" "…" "…"`;
      return { data: { querySet: set }, text };
    },
  },
  'queries set': {
    usage: 'embedops queries set NAME "query" ["query" …] [-k N]',
    summary: 'save 1–5 spot-check queries (shared by every version of NAME)',
    async run(ctx) {
      requireArgs(ctx, 2, this.usage);
      getCollection(ctx.engine().db, ctx.args[0]!);
      const set = saveQuerySet(ctx.engine().db, ctx.args[0]!, ctx.args.slice(1), intOption(ctx, 'k'));
      return { data: { querySet: set }, text: `Saved ${set.queries.length} queries for ${set.name} (k ${set.k}); swaps of ${set.name} compare on them.` };
    },
  },
};

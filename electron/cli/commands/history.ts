import { writeFileSync } from 'node:fs';
import { historyMarkdown, runOutcome } from '../../services/history';
import { statusAll } from '../../services/collections';
import { getCollection } from '../../store/collections';
import { listRuns } from '../../store/runs';
import { type Command, intOption, stringOption } from '../context';
import { table } from '../format';
import { statusTable } from './collections';

export const historyCommands: Record<string, Command> = {
  history: {
    usage: 'embedops history [COLLECTION] [--markdown] [--out FILE] [--limit N]',
    summary: 'runs newest first, with their exact settings and the equivalent command',
    readsOnly: true,
    async run(ctx) {
      const engine = ctx.engine();
      const name = ctx.args[0];
      if (name) getCollection(engine.db, name);
      const runs = listRuns(engine.db, { family: name, limit: intOption(ctx, 'limit', 1000) });
      const markdown = ctx.options.markdown === true ? historyMarkdown(runs, name ? `EmbedOps run history: ${name}` : undefined) : null;
      const out = stringOption(ctx, 'out');
      if (markdown && out) writeFileSync(out, markdown);
      const text = markdown
        ? out
          ? `Wrote ${runs.length} run(s) to ${out}`
          : markdown
        : runs.length
          ? table(
              ['run', 'kind', 'collection', 'status', 'started', 'outcome', 'command'],
              runs.map((r) => [`#${r.id}`, r.kind, r.collection, r.status, r.startedAt?.replace('T', ' ').slice(0, 19) ?? '', runOutcome(r), r.command]),
            )
          : 'No runs yet.';
      return { data: markdown ? { runs, markdown } : { runs }, text };
    },
  },
  status: {
    usage: 'embedops status',
    summary: 'every collection with its counts and health at a glance',
    readsOnly: true,
    async run(ctx) {
      const engine = ctx.engine();
      const all = statusAll(engine);
      const active = listRuns(engine.db, { limit: 50 }).filter((r) => r.status === 'running' || r.status === 'interrupted' || r.status === 'paused');
      const lines = [`Database: ${engine.dbPath}`, '', statusTable(all)];
      for (const r of active) lines.push('', `Run #${r.id} (${r.kind} ${r.collection}) is ${r.status}: ${r.done}/${r.total}${r.status !== 'running' ? ` — resume with: embedops resume ${r.id}` : ''}`);
      return { data: { database: engine.dbPath, collections: all, activeRuns: active }, text: lines.join('\n') };
    },
  },
};

import type { CollectionStatus } from '../../../shared/types';
import { DEFAULT_MODEL } from '../../embedding/model-folder';
import { createCollection, showCollection, statusAll } from '../../services/collections';
import { type Command, requireArgs, settingsOptions } from '../context';
import { fmtInt, table } from '../format';

function settingsText(s: CollectionStatus): string {
  const c = s.settings;
  const n = s.counts;
  return [
    `Collection ${c.name} (${c.state}${s.aliases.length ? `; readers reach it as ${s.aliases.join(', ')}` : ''})`,
    `  model        ${c.modelId} (${c.modelDtype}, ${c.dimension}-d)`,
    `  fingerprint  ${c.modelFingerprint}`,
    `  chunking     ${c.chunkSize} tokens, overlap ${c.chunkOverlap} (chunker v${c.chunkerVersion})`,
    `  created      ${c.createdAt}`,
    '',
    `  documents ${fmtInt(n.documents)} · chunks ${fmtInt(n.chunks)} · vectors ${fmtInt(n.vectors)} · missing ${fmtInt(n.missing)} · stale ${fmtInt(n.stale)} · orphaned ${fmtInt(n.orphaned)}`,
    `  health       ${healthLabel(s)}`,
    s.lastRun ? `  last backfill #${s.lastRun.id} ${s.lastRun.status} (${s.lastRun.done}/${s.lastRun.total}) ${s.lastRun.finishedAt ?? s.lastRun.startedAt ?? ''}` : '  last backfill none yet',
  ].join('\n');
}

export function healthLabel(s: CollectionStatus): string {
  if (s.health !== 'incomplete') return s.health;
  const parts = [];
  if (s.counts.missing) parts.push(`missing ${fmtInt(s.counts.missing)}`);
  if (s.counts.stale) parts.push(`stale ${fmtInt(s.counts.stale)}`);
  if (s.counts.orphaned) parts.push(`orphaned ${fmtInt(s.counts.orphaned)}`);
  return parts.join(', ') || 'mismatch';
}

export function statusTable(all: CollectionStatus[]): string {
  if (!all.length) return 'No collections yet. Create one with: embedops collections create NAME --model MODEL';
  return table(
    ['collection', 'state', 'model', 'dim', 'documents', 'chunks', 'vectors', 'health'],
    all.map((s) => [
      s.settings.name,
      s.aliases.length ? `${s.settings.state} ← ${s.aliases.join(', ')}` : s.settings.state,
      s.settings.modelId.length > 32 ? '…' + s.settings.modelId.slice(-31) : s.settings.modelId,
      s.settings.dimension,
      s.counts.documents,
      s.counts.chunks,
      s.counts.vectors,
      healthLabel(s),
    ]),
  );
}

export const collectionsCommands: Record<string, Command> = {
  'collections create': {
    usage: 'embedops collections create NAME [--model MODEL] [--chunk-size N] [--chunk-overlap N] [--dtype fp32|q8]',
    summary: 'create a collection; its vector dimension is probed from the model',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const wanted = settingsOptions(ctx);
      const c = await createCollection(ctx.engine(), { name: ctx.args[0]!, ...wanted, model: wanted.model ?? DEFAULT_MODEL });
      const s = showCollection(ctx.engine(), c.name);
      return { data: { collection: s }, text: `Created.\n${settingsText(s)}` };
    },
  },
  'collections list': {
    usage: 'embedops collections list',
    summary: 'list collections with their counts and health',
    readsOnly: true,
    async run(ctx) {
      const all = statusAll(ctx.engine());
      return { data: { collections: all }, text: statusTable(all) };
    },
  },
  'collections show': {
    usage: 'embedops collections show NAME',
    summary: 'settings and counts of one collection',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const s = showCollection(ctx.engine(), ctx.args[0]!);
      return { data: { collection: s }, text: settingsText(s) };
    },
  },
};

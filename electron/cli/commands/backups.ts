import { createInterface } from 'node:readline/promises';
import { EmbedOpsError } from '../../../shared/errors';
import { createBackup, listBackups, restoreBackup } from '../../services/backups';
import type { BackupManifest, CollectionCounts } from '../../store/backup';
import { type Command, requireArgs, stringOption } from '../context';
import { fmtInt, table } from '../format';

function fmtBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function countsText(cs: CollectionCounts[]): string {
  if (!cs.length) return '(no collections)';
  return cs.map((c) => `${c.name}: ${fmtInt(c.documents)} documents · ${fmtInt(c.chunks)} chunks · ${fmtInt(c.vectors)} vectors`).join('; ');
}

function manifestText(m: BackupManifest): string {
  return [`Backup written: ${m.file}`, `  ${fmtBytes(m.sizeBytes)} · schema ${m.schemaVersion} · integrity ok · sha256 ${m.sha256}`, `  ${countsText(m.collections)}`].join('\n');
}

/** Asks before something destructive; `--yes` answers for scripts. `consequence` says what happens, `cancelled` what did not. */
export async function confirm(
  ctx: { options: Record<string, string | boolean | undefined>; stderr: NodeJS.WriteStream },
  question: string,
  consequence = 'This replaces the current database; it is backed up first.',
  cancelled = 'Restore cancelled; nothing was changed.',
): Promise<void> {
  if (ctx.options.yes === true) return;
  if (!process.stdin.isTTY) throw new EmbedOpsError('usage', `${question} ${consequence} Add --yes to confirm.`);
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    const answer = await rl.question(`${question} ${consequence} Type yes to continue: `);
    if (answer.trim().toLowerCase() !== 'yes') throw new EmbedOpsError('cancelled', cancelled);
  } finally {
    rl.close();
  }
}

export const backupsCommands: Record<string, Command> = {
  backup: {
    usage: 'embedops backup [--to FILE]',
    summary: 'online backup of the database (safe while a backfill runs), checked and recorded',
    async run(ctx) {
      const m = await createBackup(ctx.engine(), { to: stringOption(ctx, 'to'), reason: 'manual' });
      return { data: { backup: m }, text: manifestText(m) };
    },
  },
  'backups list': {
    usage: 'embedops backups list',
    summary: 'backups newest first: file, time, reason, size, counts',
    readsOnly: true,
    async run(ctx) {
      const all = listBackups(ctx.engine());
      const text = all.length
        ? table(
            ['file', 'time', 'reason', 'size', 'counts'],
            all.map((m) => [m.file, m.time.replace('T', ' ').slice(0, 19), m.reason, fmtBytes(m.sizeBytes), countsText(m.collections)]),
          )
        : 'No backups yet. Take one with: embedops backup';
      return { data: { backups: all }, text };
    },
  },
  restore: {
    usage: 'embedops restore BACKUP [--yes]',
    summary: 'replace the database with a checked backup (the current one is backed up first)',
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const file = ctx.args[0]!;
      await confirm(ctx, `Restore ${file}?`);
      const r = await restoreBackup(ctx.engine(), file);
      return {
        data: { restore: r },
        text: [`Restored ${r.restored}.`, `  ${countsText(r.collections)}`, `  The database as it was before is kept at ${r.previous.file}`].join('\n'),
      };
    },
  },
};

import { EmbedOpsError } from '../../../shared/errors';
import type { Command } from '../context';
import { backupsCommands } from './backups';
import { changeCommands } from './changes';
import { collectionsCommands } from './collections';
import { historyCommands } from './history';
import { importCommands } from './import';
import { modelsCommands } from './models';
import { runCommands } from './runs';
import { serveCommands } from './serve';
import { verifyCommands } from './verify';

/** Every command, from per-domain maps merged once; a name defined twice is a bug caught at start-up. */
function merge(...maps: Record<string, Command>[]): Record<string, Command> {
  const all: Record<string, Command> = {};
  for (const m of maps) {
    for (const [name, cmd] of Object.entries(m)) {
      if (all[name]) throw new Error(`command "${name}" is defined twice`);
      all[name] = cmd;
    }
  }
  return all;
}

export const COMMANDS = merge(collectionsCommands, importCommands, runCommands, verifyCommands, historyCommands, modelsCommands, serveCommands, backupsCommands, changeCommands);

/** Finds the command for the leading positionals ("collections create" takes two words). */
export function findCommand(positionals: string[]): { name: string; command: Command; args: string[] } {
  const [first, second] = positionals;
  if (first && second && COMMANDS[`${first} ${second}`]) return { name: `${first} ${second}`, command: COMMANDS[`${first} ${second}`]!, args: positionals.slice(2) };
  if (first && COMMANDS[first]) return { name: first, command: COMMANDS[first]!, args: positionals.slice(1) };
  if (first === 'collections') {
    throw new EmbedOpsError('usage', `Unknown collections command "${second ?? ''}". Use: embedops collections create|list|show|derive|purge`);
  }
  throw new EmbedOpsError('usage', first ? `Unknown command "${first}". Run embedops --help for the list.` : 'No command given. Run embedops --help for the list.');
}

export function usageText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = [
    'embedops — keep embeddings complete, fresh and verifiable, offline.',
    '',
    'Usage: embedops [--db FILE] [--json] COMMAND …',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    '  --db FILE   the database (default: EMBEDOPS_DB, else the desktop app\'s data folder)',
    '  --json      print exactly one JSON document on stdout (progress stays on stderr)',
    '',
    'Models: --model takes a name searched in EMBEDOPS_MODELS (":"-separated folders), the user models',
    'folder and the built-in models, or a path to a model folder.',
    '',
    'Exit codes: 0 ok/PASS · 1 verify FAIL · 2 usage or input error · 3 refused (active run, dimension',
    'mismatch, locked or read-only database) · 4 environment (disk full, model fails to load) · 130 cancelled',
  ];
  return lines.join('\n');
}

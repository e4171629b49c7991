import { parseArgs } from 'node:util';
import { EXIT_CODES, EmbedOpsError, toErrorPayload } from '../../shared/errors';
import { type Engine, openEngine } from '../engine';
import { defaultDbPath } from '../paths';
import { explainStoreError } from '../store/sqlite-errors';
import { findCommand, usageText } from './commands';
import type { CommandContext } from './context';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  model: { type: 'string' },
  'chunk-size': { type: 'string' },
  'chunk-overlap': { type: 'string' },
  dtype: { type: 'string' },
  mode: { type: 'string' },
  'batch-size': { type: 'string' },
  'retry-failed': { type: 'boolean' },
  secrets: { type: 'string' },
  k: { type: 'string', short: 'k' },
  markdown: { type: 'boolean' },
  out: { type: 'string' },
  limit: { type: 'string' },
  name: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'read-only': { type: 'boolean' },
  token: { type: 'string' },
  to: { type: 'string' },
  yes: { type: 'boolean' },
  force: { type: 'boolean' },
  back: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  query: { type: 'string', multiple: true },
} as const;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** Runs one CLI invocation and returns its exit code; never throws, never prints a stack trace. */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let json = argv.includes('--json');
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write('\nStopping after the batch in flight… (Ctrl-C again to quit at once)\n');
      abort.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  let engine: Engine | null = null;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    json = values.json === true;
    if (values.version) {
      print(io, json, { version: require('../../../package.json').version as string }, require('../../../package.json').version as string);
      return 0;
    }
    if (values.help || positionals.length === 0) {
      print(io, json, { usage: usageText() }, usageText());
      return positionals.length === 0 && !values.help ? 2 : 0;
    }
    const { command, args } = findCommand(positionals);
    const open = () => {
      try {
        return openEngine({ dbPath: values.db, env: io.env });
      } catch (err) {
        if (!(err instanceof EmbedOpsError && err.code === 'read_only' && command.readsOnly)) throw err;
        io.stderr.write('note: the database is read-only; this command works but is not recorded in history.\n');
        return openEngine({ dbPath: values.db, env: io.env, readonly: true });
      }
    };
    const ctx: CommandContext = {
      args,
      options: values as Record<string, string | boolean | undefined>,
      json,
      signal: abort.signal,
      stderr: io.stderr,
      engine: () => (engine ??= open()),
    };
    const result = await command.run(ctx);
    print(io, json, result.data, result.text);
    return result.exitCode ?? 0;
  } catch (err) {
    const e = explainStoreError(normalise(err), (engine as Engine | null)?.dbPath ?? dbPathFrom(argv, io.env));
    const payload = toErrorPayload(e);
    if (json) io.stdout.write(JSON.stringify({ error: payload }) + '\n');
    else io.stderr.write(`error: ${payload.message}\n`);
    if (payload.code === 'internal' && io.env.EMBEDOPS_DEBUG) io.stderr.write(`${(err as Error).stack}\n`);
    return EXIT_CODES[payload.code];
  } finally {
    process.off('SIGINT', onSigint);
    try {
      (engine as Engine | null)?.close();
    } catch {
      // closing after a failure must not mask the failure
    }
  }
}

function dbPathFrom(argv: string[], env: NodeJS.ProcessEnv): string {
  const i = argv.indexOf('--db');
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : defaultDbPath(env);
}

/** parseArgs errors are usage errors; say so in our words. */
function normalise(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return new EmbedOpsError('usage', `${(err as Error).message.split('. ')[0]}. Run embedops --help for the options.`);
  }
  return err;
}

function print(io: CliIo, json: boolean, data: unknown, text: string): void {
  if (json) io.stdout.write(JSON.stringify(data, null, 2) + '\n');
  else if (text) io.stdout.write(text + '\n');
}

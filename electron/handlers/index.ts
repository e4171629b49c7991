import { COMMANDS, isCommandName, type CommandName, type CommandOutput } from '../../shared/api';
import { EmbedOpsError } from '../../shared/errors';
import { explainStoreError } from '../store/sqlite-errors';
import { backupHandlers } from './backups';
import { changeHandlers } from './changes';
import { checkHandlers } from './checks';
import { collectionHandlers } from './collections';
import { importHandlers } from './imports';
import { runHandlers } from './runs';
import type { Handler, HandlerContext, HandlerMap } from './types';

/** Per-domain slices merged once; a name handled twice is a bug caught at start-up. */
function merge(...slices: object[]): HandlerMap {
  const all: Record<string, unknown> = {};
  for (const slice of slices) {
    for (const [name, handler] of Object.entries(slice)) {
      if (all[name]) throw new Error(`handler "${name}" is defined twice`);
      all[name] = handler;
    }
  }
  for (const name of Object.keys(COMMANDS)) if (!all[name]) throw new Error(`no handler for "${name}"`);
  return all as HandlerMap;
}

export const HANDLERS: HandlerMap = merge(collectionHandlers, importHandlers, runHandlers, checkHandlers, backupHandlers, changeHandlers);

function describeIssues(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * The one entry point every transport calls: checks the name, validates the input against the
 * contract, refuses writes in read-only mode, runs the handler, and turns failures into errors
 * that name the problem and the fix.
 */
export async function dispatch(name: string, input: unknown, ctx: HandlerContext): Promise<unknown> {
  if (!isCommandName(name)) throw new EmbedOpsError('not_found', `Unknown command "${name}". Known commands: ${Object.keys(COMMANDS).join(', ')}.`);
  const spec = COMMANDS[name];
  // Read-only first: a refused write should say so, whatever its input.
  if (spec.writes && ctx.readOnly) throw new EmbedOpsError('read_only', `${name} changes data, and this EmbedOps is read-only (serve --read-only). Use a console started without --read-only.`);
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) throw new EmbedOpsError('usage', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`);
  try {
    return await (HANDLERS[name] as Handler<CommandName>)(parsed.data as never, ctx);
  } catch (err) {
    throw explainStoreError(err, ctx.engine.dbPath);
  }
}

export type { CommandOutput };

import { EmbedOpsError } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';
import type { Engine } from '../engine';
import { refuseInPlaceChange } from '../services/collections';
import { getCollection } from '../store/collections';

/** What a command gets: its positional arguments, options, and the engine (opened on demand). */
export interface CommandContext {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  json: boolean;
  engine(): Engine;
  signal: AbortSignal;
  /** Human progress goes to stderr so stdout stays one JSON document under --json. */
  stderr: NodeJS.WriteStream;
}

/** What a command returns: the JSON document, the human text, and the exit code. */
export interface CommandResult {
  data: unknown;
  text: string;
  exitCode?: number;
}

export interface Command {
  usage: string;
  summary: string;
  /** Commands that only read still work on a read-only database (they just leave no history). */
  readsOnly?: boolean;
  run(ctx: CommandContext): Promise<CommandResult>;
}

export function intOption(ctx: CommandContext, name: string, fallback?: number): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return fallback;
  const flag = name.length === 1 ? `-${name}` : `--${name}`;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim())) throw new EmbedOpsError('usage', `${flag} needs a whole number (got ${JSON.stringify(raw)}).`);
  return Number(raw);
}

export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const raw = ctx.options[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function requireArgs(ctx: CommandContext, n: number, usage: string): void {
  if (ctx.args.length < n) throw new EmbedOpsError('usage', `Missing argument. Usage: ${usage}`);
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) throw new EmbedOpsError('usage', `${flag} is required: one of ${allowed.join(', ')}.`);
  if (!(allowed as readonly string[]).includes(value)) throw new EmbedOpsError('usage', `${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

export function runId(ctx: CommandContext, usage: string): number {
  requireArgs(ctx, 1, usage);
  const raw = ctx.args[0]!.replace(/^#/, '');
  if (!/^\d+$/.test(raw)) throw new EmbedOpsError('usage', `A run id is a whole number like 12 (got "${ctx.args[0]}"). List runs with: embedops history`);
  return Number(raw);
}

/**
 * `--model`, `--chunk-size`, `--chunk-overlap` or `--dtype` on a command that works on an existing
 * collection would mean changing it in place: refused with the derive-and-swap way instead
 * (options that match the collection's own settings pass).
 */
export function refuseSettingsChange(ctx: CommandContext, name: string): void {
  const want = settingsOptions(ctx);
  if (Object.values(want).every((v) => v === undefined)) return;
  const c = getCollection(ctx.engine().db, name);
  const same =
    (want.model === undefined || want.model === c.modelId || c.modelId.endsWith(`/${want.model}`)) &&
    (want.chunkSize === undefined || want.chunkSize === c.chunkSize) &&
    (want.chunkOverlap === undefined || want.chunkOverlap === c.chunkOverlap) &&
    (want.dtype === undefined || want.dtype === c.modelDtype);
  if (!same) refuseInPlaceChange(c, want, name);
}

/** `--model`, `--chunk-size`, `--chunk-overlap`, `--dtype`: what create and derive take (each may be absent). */
export function settingsOptions(ctx: CommandContext): { model?: string; chunkSize?: number; chunkOverlap?: number; dtype?: ModelDtype } {
  const dtype = stringOption(ctx, 'dtype');
  return {
    model: stringOption(ctx, 'model'),
    chunkSize: intOption(ctx, 'chunk-size'),
    chunkOverlap: intOption(ctx, 'chunk-overlap'),
    dtype: dtype === undefined ? undefined : oneOf<ModelDtype>(dtype, ['fp32', 'q8'], '--dtype'),
  };
}

/**
 * The one contract between the engine and every face of it (Electron IPC, serve mode over HTTP +
 * SSE, the renderer's client). Every command: a `domain/verb` name, a zod schema for its one input
 * object (parsed at every boundary: serve mode receives untrusted input), whether it writes, and
 * its output type. Every event: a name and its payload. Nothing else defines channel names.
 */
import { z } from 'zod';
import { EVENT_NAMES } from './events';
import { ALIAS_NAME, COLLECTION_NAME } from './names';
import type { ModelInfo } from './models';
import type { ImportReport } from './reports';
import type {
  AliasInfo,
  BackfillPlan,
  CollectionStatus,
  DeriveResult,
  PurgeResult,
  QuerySet,
  SwapGate,
  SwapResult,
  RunProgress,
  TaskProgress,
  RunRecord,
  SpotcheckReport,
  VerifyReport,
} from './types';

// ---------- input building blocks ----------

const collection = z.string().regex(COLLECTION_NAME, {
  message: 'a collection name is 1–64 lower-case letters, digits or _, optionally followed by @v2 (e.g. tenant_42)',
});
const alias = z.string().regex(ALIAS_NAME, { message: 'an alias is the name readers use: 1–64 lower-case letters, digits or _ without @v… (e.g. tenant_42)' });
const runId = z.number().int().positive();
const queryText = z.string().trim().min(1).max(1000);
const mode = z.enum(['missing', 'stale', 'rebuild']);
const batchSize = z.number().int().min(1).max(4096);
const empty = z.object({}).strict();
/** What produces a collection's vectors: set at create, changed only by deriving a new version. */
const settings = {
  model: z.string().min(1).optional(),
  chunkSize: z.number().int().min(8).max(8192).optional(),
  chunkOverlap: z.number().int().min(0).optional(),
  dtype: z.enum(['fp32', 'q8']).optional(),
};

// ---------- outputs not defined elsewhere ----------

/** A run with its log tail and failures, for the run monitor. */
export interface RunDetail {
  run: RunRecord;
  events: RunLogLine[];
  failures: { chunkId: number; error: string; at: string }[];
  /** True when this process is running it (so pause/cancel take effect within a batch). */
  live: boolean;
}

/** One log line of a run. */
export interface RunLogLine {
  runId: number;
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** The app's state at a glance. */
export interface StatusSnapshot {
  database: string;
  readOnly: boolean;
  collections: CollectionStatus[];
  /** Runs that are running, paused or interrupted. */
  activeRuns: RunRecord[];
  version: string;
}

/** A backup file and its manifest (the JSON sidecar beside it). */
export interface BackupInfo {
  file: string;
  time: string;
  reason: string;
  sourceDatabase: string;
  sizeBytes: number;
  schemaVersion: number;
  sha256: string;
  collections: { name: string; documents: number; chunks: number; vectors: number; ledger: number }[];
}

/** What a restore did: the file restored, the backup of the database it replaced, and the restored counts. */
export interface RestoreInfo {
  restored: string;
  previous: BackupInfo;
  collections: BackupInfo['collections'];
}

/** A chunk in a verify drill-down. */
export interface ChunkInfo {
  chunkId: number;
  document: { id: string; title: string };
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** Why it is listed: its last failure, or how its vector differs. */
  note: string | null;
}

/** A document's text, for opening a cited passage with the span marked. */
export interface DocumentText {
  id: string;
  title: string;
  path: string | null;
  content: string;
  chunks: number;
}

/** A model folder found on the search path, described from its files (no model is loaded to list). */
export type ModelSummary = ModelInfo;

// ---------- commands ----------

/** A command's declaration; `output` is a type-only marker. */
export interface CommandSpec<I extends z.ZodType, O> {
  input: I;
  /** Refused in read-only serve mode. */
  writes: boolean;
  summary: string;
  output?: O;
}

function command<O>() {
  return <I extends z.ZodType>(input: I, writes: boolean, summary: string): CommandSpec<I, O> => ({ input, writes, summary });
}

export const COMMANDS = {
  'status/get': command<StatusSnapshot>()(empty, false, 'every collection with counts and health, and runs needing attention'),
  'collections/list': command<CollectionStatus[]>()(empty, false, 'collections with counts and health'),
  'collections/get': command<CollectionStatus>()(z.object({ name: collection }).strict(), false, 'one collection'),
  'collections/create': command<CollectionStatus>()(
    z.object({ name: collection, ...settings }).strict(),
    true,
    'create a collection; its dimension is probed from the model',
  ),
  'import/paths': command<ImportReport>()(
    z.object({ collection, paths: z.array(z.string().min(1)).min(1).max(1000) }).strict(),
    true,
    'import files and folders on the machine running the engine',
  ),
  'import/upload': command<ImportReport>()(
    z
      .object({
        collection,
        files: z
          .array(z.object({ name: z.string().min(1).max(255), base64: z.string().max(90 * 1024 * 1024) }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
    true,
    'import files sent by the client as base64 (serve mode: a browser cannot name server paths; bytes, so binary files are still detected)',
  ),
  'dialog/choose-paths': command<{ paths: string[] }>()(
    z.object({ kind: z.enum(['files', 'folder']) }).strict(),
    false,
    'native file or folder dialog of the desktop app (not available in serve mode: upload instead)',
  ),
  'plan/create': command<BackfillPlan>()(
    z.object({ collection, mode, batchSize: batchSize.optional(), secrets: z.enum(['skip', 'redact', 'allow']).optional() }).strict(),
    true,
    'plan a backfill: what, how long, every check, and chunks that look like credentials',
  ),
  'runs/start': command<{ runId: number }>()(
    z.object({ collection, mode, batchSize: batchSize.optional(), retryFailed: z.boolean().optional(), secrets: z.enum(['skip', 'redact', 'allow']).optional() }).strict(),
    true,
    'start a backfill in the background',
  ),
  'runs/resume': command<{ runId: number }>()(z.object({ runId }).strict(), true, 'resume a stopped backfill from its checkpoint'),
  'runs/cancel': command<RunRecord>()(z.object({ runId }).strict(), true, 'stop a run after its batch in flight'),
  'runs/pause': command<RunRecord>()(z.object({ runId }).strict(), true, 'pause a run after its batch in flight'),
  'runs/list': command<RunRecord[]>()(
    z.object({ collection: collection.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    false,
    'runs newest first; for an alias, the runs of every version behind it, its swaps, and backups and restores of the database',
  ),
  'runs/get': command<RunDetail>()(z.object({ runId }).strict(), false, 'a run with its log tail and failures'),
  'verify/run': command<VerifyReport>()(z.object({ collection }).strict(), false, 'verify counts; PASS or FAIL with every discrepancy'),
  'verify/chunks': command<ChunkInfo[]>()(
    z.object({ collection, kind: z.enum(['missing', 'stale', 'orphaned', 'failed']), limit: z.number().int().min(1).max(500).optional() }).strict(),
    false,
    'the chunks behind a discrepancy',
  ),
  'spotcheck/run': command<SpotcheckReport>()(
    z.object({ collection, queries: z.array(z.string().trim().min(1).max(1000)).min(1).max(5), k: z.number().int().min(1).max(50).optional() }).strict(),
    false,
    'top-k results with citations, from that collection only',
  ),
  'documents/get': command<DocumentText>()(z.object({ collection, id: z.string().min(1) }).strict(), false, "a document's text, to show a cited span"),
  'history/markdown': command<{ markdown: string }>()(z.object({ collection: collection.optional() }).strict(), false, 'the history as a markdown log, newest first'),
  'models/list': command<ModelSummary[]>()(empty, false, 'model folders on the search path'),
  'aliases/list': command<AliasInfo[]>()(empty, false, 'aliases readers use, the collection each serves and the one before'),
  'collections/derive': command<DeriveResult>()(
    z.object({ from: collection, ...settings }).strict(),
    true,
    'build the next version of a collection beside it (new model or chunking, same documents, re-chunked); readers keep the live one',
  ),
  'swap/preview': command<SwapGate>()(
    z.object({ alias, to: collection.optional(), back: z.boolean().optional(), queries: z.array(queryText).max(5).optional() }).strict(),
    false,
    'what a swap checks (verify PASS, same documents) and the saved queries answered by the live collection and the candidate side by side',
  ),
  'swap/run': command<SwapResult>()(
    z.object({ alias, to: collection.optional(), back: z.boolean().optional(), force: z.boolean().optional(), queries: z.array(queryText).max(5).optional() }).strict(),
    true,
    'point the alias at the candidate in one transaction, after the checks (force overrides them and is recorded); back returns to the previous target',
  ),
  'collections/purge': command<PurgeResult>()(
    z.object({ name: collection, confirm: z.literal(true), force: z.boolean().optional() }).strict(),
    true,
    'delete a retired collection after a backup (never one an alias serves)',
  ),
  'queries/get': command<QuerySet>()(z.object({ collection }).strict(), false, 'the saved spot-check queries of a collection or alias (shared by its versions)'),
  'queries/set': command<QuerySet>()(
    z.object({ collection, queries: z.array(queryText).min(1).max(5), k: z.number().int().min(1).max(50).optional() }).strict(),
    true,
    'save the 1–5 spot-check queries a swap compares on',
  ),
  'backups/list': command<BackupInfo[]>()(empty, false, 'backups newest first: file, time, reason, size, per-collection counts'),
  'backups/create': command<BackupInfo>()(z.object({ to: z.string().min(1).max(4096).optional() }).strict(), true, 'online backup of the database, checked and recorded in history'),
  'backups/restore': command<RestoreInfo>()(
    z.object({ file: z.string().min(1).max(4096), confirm: z.literal(true) }).strict(),
    true,
    'replace the database with a checked backup (refused while a run is active; the current database is backed up first)',
  ),
} as const;

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
/** What a caller passes (defaults not yet applied). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after validation. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = NonNullable<Commands[N]['output']>;

// ---------- events ----------

/** Event payloads. Events are hints: the run row is the truth, and clients refetch on reconnect. */
export interface Events {
  /** A few times per second while a run embeds. */
  'run/progress': RunProgress;
  /** Once, when a run stops for any reason (completed, cancelled, paused, failed). */
  'run/finished': RunRecord;
  /** A log line of a run. */
  'run/log': RunLogLine;
  /** A few times per second while an import or a derive works (they answer when done). */
  'task/progress': TaskProgress;
}
export type EventName = keyof Events;
export { EVENT_NAMES };
// Every event of `Events` is listed in EVENT_NAMES, and nothing else (fails to compile otherwise).
const eventsListed: [Exclude<EventName, (typeof EVENT_NAMES)[number]>, Exclude<(typeof EVENT_NAMES)[number], EventName>] extends [never, never] ? true : false = true;
void eventsListed;

/** Errors cross every boundary as this shape and are rebuilt as typed errors by clients. */
export type { ErrorPayload } from './errors';

/**
 * What the Electron preload exposes as `window.api`, and what the renderer's client implements
 * over HTTP in serve mode: two verbs, one argument object each.
 */
export interface Api {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void;
}

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

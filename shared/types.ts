/**
 * Domain types shared by the engine, the CLI's JSON output and (later) the console UI.
 * Type-only: nothing here runs.
 */

/** Which chunks a backfill embeds. */
export type BackfillMode =
  /** Chunks that have no vector. */
  | 'missing'
  /** Chunks whose vector is out of date (text or model changed), plus missing ones: "make it current". */
  | 'stale'
  /** Every chunk, whatever its state. */
  | 'rebuild';

export type RunKind = 'backfill' | 'import' | 'verify' | 'spotcheck' | 'backup' | 'restore' | 'derive' | 'swap' | 'purge';
export type RunStatus = 'queued' | 'running' | 'paused' | 'cancelled' | 'failed' | 'interrupted' | 'completed';
/** Model weights variant: `fp32` loads onnx/model.onnx, `q8` onnx/model_quantized.onnx. */
export type ModelDtype = 'fp32' | 'q8';

/** A collection's recorded settings: what produced (and must keep producing) its vectors. */
export interface CollectionSettings {
  /** Collection name, `^[a-z0-9_]{1,64}(@v[0-9]+)?$`. */
  name: string;
  /** Model name as resolved from the model search path, or an absolute folder path. */
  modelId: string;
  /** sha256 of the ONNX file the model loads; a different file makes vectors stale. */
  modelFingerprint: string;
  /** Weights variant used for this collection. */
  modelDtype: ModelDtype;
  /** Vector dimension, detected by embedding a probe text at creation. */
  dimension: number;
  /** Chunk size in model tokens (without [CLS]/[SEP]). */
  chunkSize: number;
  /** Tokens shared by consecutive chunks. */
  chunkOverlap: number;
  /** Version of the chunking algorithm; a change re-chunks on the next import. */
  chunkerVersion: number;
  /** Lifecycle: `active` serves readers; `building` and `retired` come with derive/swap. */
  state: 'active' | 'building' | 'retired';
  /** When it was created (ISO 8601). */
  createdAt: string;
}

/** Counts that say whether a collection's vectors are complete and current. */
export interface CollectionCounts {
  documents: number;
  chunks: number;
  /** Rows in the collection's vector table. */
  vectors: number;
  /** Chunks without a vector. */
  missing: number;
  /** Chunks whose vector was made from other text or another model. */
  stale: number;
  /** Vectors whose chunk no longer exists. */
  orphaned: number;
  /**
   * Of the missing chunks, those the secrets guard withholds: they look like credentials, so a
   * backfill with the default policy (skip) leaves them without a vector on purpose.
   */
  withheld: number;
}

/** One-word health: `complete` only when every chunk has a current vector and nothing is orphaned. */
export type Health = 'empty' | 'complete' | 'incomplete';

export interface CollectionStatus {
  settings: CollectionSettings;
  counts: CollectionCounts;
  health: Health;
  /** The newest backfill run, if any. */
  lastRun: RunRecord | null;
  /** Aliases readers use that point at this collection now (e.g. `tenant_42` for `tenant_42@v2`). */
  aliases: string[];
}

/** Counters of a run; `done` = embedded + skipped + failed. */
export interface RunCounts {
  total: number;
  done: number;
  embedded: number;
  skipped: number;
  failed: number;
}

/** A run as recorded in history. */
export interface RunRecord extends RunCounts {
  id: number;
  kind: RunKind;
  collection: string;
  status: RunStatus;
  mode: BackfillMode | null;
  /** The exact settings the run used (model, fingerprint, batch size, chunking…). */
  settings: Record<string, unknown>;
  /** The equivalent CLI command. */
  command: string;
  /** Highest chunk id below which all work is committed. */
  checkpoint: number;
  /** Kind-specific outcome (verify status, spot-check summary, import report…). */
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Progress of a command that answers only when done (import, derive), a few times a second while it
 * works, so the console can show what the CLI prints on its progress line.
 */
export interface TaskProgress {
  command: 'import/paths' | 'import/upload' | 'collections/derive';
  /** The collection named in the command (for derive: the one derived from, as given). */
  collection: string;
  /** Documents read (import) or copied (derive) so far. */
  documents: number;
  /** Known up front for derive; null for an import, which streams its sources. */
  total: number | null;
  files?: number;
  bytes?: number;
}

/** A live progress snapshot, emitted a few times per second. */
export interface RunProgress extends RunCounts {
  runId: number;
  phase: 'loading-model' | 'embedding' | 'finishing';
  /** Chunks per second over the recent window. */
  rate: number;
  /** Seconds left at the current rate, or null before the first batch. */
  etaSeconds: number | null;
}

/**
 * What a backfill does with chunks that look like credentials (the secrets guard):
 * `skip` (default) withholds them from the model, `redact` embeds them with each finding replaced
 * by `[REDACTED <kind>]`, `allow` embeds them as they are (and the run records how many).
 */
export type SecretsPolicy = 'skip' | 'redact' | 'allow';

/** A span that looks like a credential: its kind and character offsets, never its text. */
export interface SecretSpan {
  /** e.g. `aws_access_key`, `private_key`, `connection_string`, `password`. */
  kind: string;
  /** Character offsets into the document's text (like a spot-check citation). */
  start: number;
  end: number;
}

/** A chunk the secrets guard flagged, located without quoting it. */
export interface FlaggedChunk {
  chunkId: number;
  /** The document's title is masked the same way if it looks like a credential itself. */
  document: { id: string; title: string };
  /** Chunk number within its document (0-based ordinal). */
  chunk: number;
  kinds: string[];
  spans: SecretSpan[];
}

/** The plan's secrets section: chunks in the plan's scope that look like credentials. */
export interface SecretsPlan {
  policy: SecretsPolicy;
  /** Chunks the backfill would meet (its mode's scope) that look like credentials. */
  flagged: number;
  /** Flagged chunks per kind of finding, e.g. `{ aws_access_key: 3 }` (a chunk with two kinds counts under both). */
  byKind: Record<string, number>;
  /** The first flagged chunks (at most 50), in chunk id order. */
  chunks: FlaggedChunk[];
  /** Flagged chunks in the whole collection, in scope or not. */
  flaggedInCollection: number;
  /** Chunks whose scan could not be stored (read-only database): they are checked again when a run starts. */
  unscanned: number;
}

export interface PlanCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What a backfill would do, checked before anything is written. */
export interface BackfillPlan {
  id: number;
  collection: string;
  mode: BackfillMode;
  batchSize: number;
  chunks: number;
  /** Chunks the run would embed. */
  toEmbed: number;
  missing: number;
  stale: number;
  /** Chunks set aside after repeated failures (see run failures). */
  poisoned: number;
  batches: number;
  /** Measured on a sample of this collection's own chunks. */
  chunksPerSecond: number | null;
  estimateSeconds: number | null;
  checks: PlanCheck[];
  /** Chunks that look like credentials and what the run's policy does with them. */
  secrets: SecretsPlan;
  /** True when every check passed. */
  ready: boolean;
  command: string;
  createdAt: string;
}

/** One count in a verification report, with the SQL that produced it. */
export interface VerifyCount {
  name: string;
  value: number;
  sql: string;
}

export interface Discrepancy {
  kind: 'missing' | 'stale' | 'orphaned' | 'wrong-dimension' | 'bad-vector' | 'count-mismatch' | 'model-changed';
  count: number;
  explanation: string;
  /** Up to 20 chunk ids concerned, for drill-down. */
  sampleChunkIds: number[];
}

export interface VerifyReport extends CollectionCounts {
  status: 'PASS' | 'FAIL';
  collection: string;
  modelId: string;
  modelFingerprint: string;
  dimension: number;
  chunkSize: number;
  chunkOverlap: number;
  /** Ledger rows whose dimension differs from the collection's. */
  wrongDimension: number;
  /** Vectors with NaN/Inf values or zero length. */
  badVectors: number;
  /** sha256 of the model's ONNX file as it is on disk now; null when the folder cannot be found. */
  currentModelFingerprint: string | null;
  /** Things a reviewer should know that do not fail verification (e.g. the model folder is absent). */
  warnings: string[];
  counts: VerifyCount[];
  discrepancies: Discrepancy[];
  checkedAt: string;
  runId: number;
}

export interface SpotcheckHit {
  document: { id: string; title: string; path: string | null };
  /** Chunk number within its document (0-based ordinal). */
  chunk: number;
  chunkId: number;
  /** Character offsets into the document's text. */
  start: number;
  end: number;
  snippet: string;
  /**
   * Vector hits: cosine similarity (1 = identical direction). Keyword hits: BM25 relevance
   * (higher is better; not comparable with cosine).
   */
  score: number;
}

/**
 * How much the vector top-k and the keyword (BM25) top-k of one query agree. `share` is `count`
 * over the smaller of the two sets compared (chunks, or distinct documents; 0 when either is
 * empty), so two identical lists score 1 even when the collection has fewer than k matches.
 */
export interface SpotcheckOverlap {
  /** Chunks (by chunk id) in both lists. */
  chunks: { count: number; share: number };
  /** Documents (by document id) with a chunk in both lists. */
  documents: { count: number; share: number };
}

export interface SpotcheckResult {
  query: string;
  /** Top-k by cosine similarity, from the collection's vector table. */
  hits: SpotcheckHit[];
  /** Top-k by BM25 for the same query's words, from the collection's keyword index; cited the same way. */
  keywordHits: SpotcheckHit[];
  overlap: SpotcheckOverlap;
}

export interface SpotcheckReport {
  collection: string;
  k: number;
  results: SpotcheckResult[];
  /** E.g. vector and keyword results that share nothing for any query: a model wrong for the corpus. */
  warnings: string[];
  runId: number;
}

/** A name readers use, the collection it serves, and the one it served before (the way back). */
export interface AliasInfo {
  name: string;
  target: string;
  previous: string | null;
  updatedAt: string;
}

/** The spot-check queries an operator trusts for a collection, kept by its alias (base) name across versions. */
export interface QuerySet {
  name: string;
  queries: string[];
  k: number;
  updatedAt: string | null;
}

/** One document in a side-by-side comparison: where it ranks in each list (null = absent). */
export interface ComparedDocument {
  id: string;
  title: string;
  liveRank: number | null;
  candidateRank: number | null;
  /** The cited chunk in each collection (chunks differ between versions; offsets are into the same document text). */
  live: { chunk: number; start: number; end: number; score: number } | null;
  candidate: { chunk: number; start: number; end: number; score: number } | null;
  change: 'same' | 'up' | 'down' | 'appeared' | 'disappeared';
}

export interface ComparedQuery {
  query: string;
  documents: ComparedDocument[];
  /** Documents in both top-k lists ÷ the size of the larger list (1 = the same documents). */
  overlap: number;
  appeared: number;
  disappeared: number;
  sameTop: boolean;
}

/** What a change does to answers: the same queries against the live collection and the candidate. */
export interface SpotcheckComparison {
  live: string;
  candidate: string;
  k: number;
  /** Where the queries came from: the saved set, or stand-ins when none is saved. */
  source: 'saved' | 'given' | 'document-titles';
  queries: ComparedQuery[];
  meanOverlap: number;
  notes: string[];
}

/** The checks a swap must pass, and what it would change. */
export interface SwapGate {
  alias: string;
  /** What the alias serves now (null when the alias does not exist yet). */
  from: string | null;
  to: string;
  verify: { status: 'PASS' | 'FAIL'; runId: number; chunks: number; vectors: number; problems: string[] };
  /** Documents of the live collection missing from the candidate or with other content, and the reverse. */
  documents: { live: number; candidate: number; missing: number; different: number; extra: number };
  comparison: SpotcheckComparison | null;
  /** True when every check passes; otherwise `reasons` says what fails and how to fix it. */
  ok: boolean;
  reasons: string[];
}

export interface SwapResult {
  runId: number;
  alias: string;
  from: string | null;
  to: string;
  forced: boolean;
  back: boolean;
  gate: SwapGate;
}

export interface DeriveResult {
  runId: number;
  from: string;
  collection: CollectionStatus;
  alias: string;
  /** Set when the source was a plain collection: it was renamed so the alias could take its name. */
  renamed: { from: string; to: string } | null;
  documents: number;
  chunks: number;
}

export interface PurgeResult {
  runId: number;
  collection: string;
  counts: CollectionCounts;
  backup: string;
}

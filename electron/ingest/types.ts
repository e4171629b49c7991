/**
 * Contract between the source scanner (files on disk → documents) and the importer
 * (documents → collection rows). Type-only: no runtime code lives here.
 */

/** A document ready to import. */
export interface SourceDocument {
  /**
   * Stable id across re-imports, so a re-import updates rather than duplicates.
   * Plain files (txt/md/html): path relative to the folder argument (POSIX separators), or the
   * basename when the file itself was the argument. Records (jsonl/json/csv/tsv): the record's id,
   * else `<file key>:<line or row or item number>` where the file key is built like a plain file's id.
   */
  externalId: string;
  /** Human title used in citations; never empty (falls back to the file name or the id). */
  title: string;
  /** Absolute path of the file the document came from (the path as walked, symlinks not resolved). */
  sourcePath: string;
  /** Where inside the file a record came from, e.g. "line 12", "row 3 (line 4)", "item 2"; absent for whole files. */
  locator?: string;
  /** Text that will be chunked and cited; chunk offsets refer to THIS string. `\n` line endings, no BOM. */
  content: string;
}

/** Why a file or record was not turned into a document. */
export type SkipReason =
  | 'binary'
  | 'empty'
  | 'not-utf8'
  | 'oversize'
  | 'unsupported'
  | 'parse-error'
  | 'unreadable'
  | 'duplicate-id';

/** A file or record that was left out, with a message a user can act on. */
export interface SkippedSource {
  /** Absolute path of the file (or of the argument, when the path does not exist). */
  path: string;
  /** Position of the record inside the file ("line 12", "row 3 (line 4)", "item 2"); absent for whole files. */
  locator?: string;
  /** Machine-readable category, for counting and grouping. */
  reason: SkipReason;
  /** One sentence that names the problem and the fix, e.g. "not valid UTF-8 at byte 12 …; re-save the file as UTF-8". */
  message: string;
}

/** One step of a scan, in deterministic order. */
export type ScanItem =
  /** A supported file is about to be read; `bytes` is its size on disk (for progress and MB/s). */
  | { kind: 'file'; path: string; bytes: number }
  /** A document ready to import. */
  | { kind: 'document'; doc: SourceDocument }
  /** A file or record that was left out. */
  | { kind: 'skipped'; skip: SkippedSource };

/** Limits for a scan; every field is optional. */
export interface ScanOptions {
  /**
   * Largest file read whole into memory (txt/md/html/json/csv/tsv). Default 64 MiB.
   * JSONL/NDJSON is streamed line by line and is not subject to this limit.
   */
  maxFileBytes?: number;
  /** Largest document, in UTF-16 characters of `content` (also caps one JSONL line). Default 5,000,000. */
  maxDocumentChars?: number;
}

/** Result of walking the inputs without reading file contents. */
export interface ScanPlan {
  /** Supported files that a scan will read (they get a `file` item). */
  files: number;
  /** Sum of their sizes in bytes: the denominator for byte-based progress. */
  bytes: number;
  /** Files and bytes per format key (e.g. "markdown", "jsonl"). */
  byFormat: Record<string, { files: number; bytes: number }>;
  /** Files a scan will skip without reading them: unsupported type or not a regular file, over maxFileBytes. */
  skippedBeforeRead: number;
  /** Paths that could not be walked: missing arguments, broken links, folders that cannot be listed. */
  unreadable: string[];
}

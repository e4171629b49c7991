/** Reports of engine jobs that cross to the UI (type-only). */

/** A file or record an import left out. */
export interface ImportSkip {
  /** Absolute path of the file (or of the argument, when the path does not exist). */
  path: string;
  /** Position of the record inside the file ("line 12", "row 3"); absent for whole files. */
  locator?: string;
  /** Category: binary, empty, not-utf8, oversize, unsupported, parse-error, unreadable, duplicate-id. */
  reason: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** What an import did, file by file and document by document. */
export interface ImportReport {
  collection: string;
  runId: number;
  /** Supported files read. */
  files: number;
  bytes: number;
  documents: { added: number; updated: number; unchanged: number };
  /** Chunks added, changed (their vectors became stale) and removed (with their vectors). */
  chunks: { added: number; changed: number; removed: number };
  /** Every file or record left out, with the reason and the fix. */
  skipped: ImportSkip[];
  seconds: number;
  megabytesPerSecond: number;
}

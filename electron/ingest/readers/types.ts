/** Types shared by the per-format readers and the scanner that drives them. Type-only. */
import type { ScanItem } from '../types';

/** Limits with defaults applied. */
export interface ScanLimits {
  /** Largest file read whole into memory, in bytes. */
  maxFileBytes: number;
  /** Largest document content, in UTF-16 characters. */
  maxDocumentChars: number;
}

/** What a reader knows about the file it reads. */
export interface ReaderContext {
  /** Absolute path (as walked). */
  path: string;
  /** Id of the file as a whole: relative POSIX path under the folder argument, or the basename. */
  fileKey: string;
  /** Basename, used for fallback titles. */
  fileName: string;
  /** Effective limits for this scan. */
  limits: ScanLimits;
}

/** What a reader produces: documents and skips (the scanner adds `file` items itself). */
export type ReaderItem = Exclude<ScanItem, { kind: 'file' }>;

/** Format key, used in plans and for dispatch. */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'csv' | 'tsv';

/** A reader that gets the whole file, already decoded and newline-normalised. */
export interface WholeFileReader {
  /** Format this reader handles. */
  format: SourceFormat;
  /** Whole files are subject to maxFileBytes. */
  mode: 'whole';
  /** Turns the file text into documents and skips. */
  read(text: string, ctx: ReaderContext): Iterable<ReaderItem>;
}

/** A reader that streams the file itself, so size is not limited by memory (JSONL). */
export interface StreamReader {
  /** Format this reader handles. */
  format: SourceFormat;
  /** Streamed files are not subject to maxFileBytes. */
  mode: 'stream';
  /** Reads and decodes the file incrementally; must not buffer the whole file. */
  read(ctx: ReaderContext): AsyncIterable<ReaderItem>;
}

/** Either kind of reader. */
export type SourceReader = WholeFileReader | StreamReader;

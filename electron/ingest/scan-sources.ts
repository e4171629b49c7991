/**
 * Turns the paths a user picked (files and folders) into documents ready to import, streaming, in a
 * deterministic order. Nothing here throws for bad input: every file or record that cannot become a
 * document is reported as a `skipped` item whose message says what is wrong and how to fix it.
 *
 * Unsupported file types are reported one by one even inside folders (reason `unsupported`), so a
 * caller can show "12 unsupported files (.pdf ×10, .docx ×2)" by aggregating; dropping them
 * silently would hide half a corpus.
 */
import { open, readFile } from 'node:fs/promises';
import { decodeUtf8, normaliseNewlines, notUtf8Message } from './readers/decode-text';
import { SUPPORTED_EXTENSIONS, extensionOf, readerFor } from './readers/index';
import type { ReaderContext, ReaderItem, ScanLimits } from './readers/index';
import { SNIFF_BYTES, sniffBinary, sniffMessage } from './readers/sniff-binary';
import { type FoundFile, unreadable, walkFiles } from './readers/walk-files';
import type { ScanItem, ScanOptions, ScanPlan, SkipReason } from './types';

/** Default cap for files read whole into memory: 64 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Default cap on one document's content, in characters. */
export const DEFAULT_MAX_DOCUMENT_CHARS = 5_000_000;

/** Options with defaults applied; throws RangeError for a non-positive or non-numeric limit (a caller bug). */
export function resolveLimits(opts: ScanOptions = {}): ScanLimits {
  const limits = {
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxDocumentChars: opts.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return limits;
}

/**
 * Walks `paths` (files and folders, recursively) and yields, in order: a `file` item when a
 * supported file is about to be read, its `document`s, and `skipped` items. Ids must be unique
 * within one scan; a later document with an id already seen is skipped as `duplicate-id`.
 */
export async function* scanSources(paths: string[], opts: ScanOptions = {}): AsyncGenerator<ScanItem> {
  const limits = resolveLimits(opts);
  // externalId → path of the file that first used it. Values share the path string, so one entry
  // costs about one id, which keeps multi-million-record scans affordable.
  const ids = new Map<string, string>();
  for await (const walked of walkFiles(paths)) {
    if (walked.kind === 'skipped') yield walked;
    else yield* scanFile(walked.file, limits, ids);
  }
}

/** Counts what a scan will read, from file metadata only (no contents are read). */
export async function planSources(paths: string[], opts: ScanOptions = {}): Promise<ScanPlan> {
  const limits = resolveLimits(opts);
  const plan: ScanPlan = { files: 0, bytes: 0, byFormat: {}, skippedBeforeRead: 0, unreadable: [] };
  for await (const walked of walkFiles(paths)) {
    if (walked.kind === 'skipped') {
      if (walked.skip.reason === 'unreadable') plan.unreadable.push(walked.skip.path);
      else if (walked.skip.reason === 'unsupported') plan.skippedBeforeRead++;
      continue;
    }
    const { file } = walked;
    const reader = readerFor(file.fileName);
    if (!reader || (reader.mode === 'whole' && file.size > limits.maxFileBytes)) {
      plan.skippedBeforeRead++;
      continue;
    }
    plan.files++;
    plan.bytes += file.size;
    const entry = (plan.byFormat[reader.format] ??= { files: 0, bytes: 0 });
    entry.files++;
    entry.bytes += file.size;
  }
  return plan;
}

async function* scanFile(file: FoundFile, limits: ScanLimits, ids: Map<string, string>): AsyncGenerator<ScanItem> {
  const skipFile = (reason: SkipReason, message: string): ScanItem => ({ kind: 'skipped', skip: { path: file.path, reason, message } });
  const reader = readerFor(file.fileName);
  if (!reader) {
    const ext = extensionOf(file.fileName);
    const supported = SUPPORTED_EXTENSIONS.join(' ');
    yield skipFile(
      'unsupported',
      ext
        ? `unsupported file type "${ext}" (supported: ${supported}); convert it to one of these or leave it out`
        : `file has no extension, so its format is unknown (supported: ${supported}); rename it, e.g. to .txt if it is plain text`,
    );
    return;
  }
  if (reader.mode === 'whole' && file.size > limits.maxFileBytes) {
    yield skipFile(
      'oversize',
      `file is ${formatBytes(file.size)}, over the ${formatBytes(limits.maxFileBytes)} limit for files read whole (maxFileBytes); ` +
        `split it, convert it to JSONL (streamed, no file size limit) or raise maxFileBytes`,
    );
    return;
  }
  yield { kind: 'file', path: file.path, bytes: file.size };
  if (file.size === 0) {
    yield skipFile('empty', 'file is empty (0 bytes); add text or remove the file');
    return;
  }
  const ctx: ReaderContext = { path: file.path, fileKey: file.fileKey, fileName: file.fileName, limits };
  let items: Iterable<ReaderItem> | AsyncIterable<ReaderItem>;
  try {
    if (reader.mode === 'whole') {
      const bytes = await readFile(file.path);
      const verdict = sniffBinary(bytes.subarray(0, SNIFF_BYTES));
      if (verdict.kind !== 'text') {
        yield skipFile(verdict.kind === 'utf16' ? 'not-utf8' : 'binary', sniffMessage(verdict));
        return;
      }
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) {
        yield skipFile('not-utf8', notUtf8Message(decoded.offset, decoded.byte));
        return;
      }
      items = reader.read(normaliseNewlines(decoded.text), ctx);
    } else {
      // Streamed formats are sniffed from their head only; the reader decodes line by line.
      const verdict = sniffBinary(await readHead(file.path, SNIFF_BYTES));
      if (verdict.kind !== 'text') {
        yield skipFile(verdict.kind === 'utf16' ? 'not-utf8' : 'binary', sniffMessage(verdict));
        return;
      }
      items = reader.read(ctx);
    }
  } catch (err) {
    yield { kind: 'skipped', skip: unreadable(file.path, err) };
    return;
  }
  let documents = 0;
  try {
    for await (const item of items) {
      if (item.kind === 'document') {
        const first = ids.get(item.doc.externalId);
        if (first !== undefined) {
          yield { kind: 'skipped', skip: duplicateSkip(item.doc.externalId, item.doc.sourcePath, item.doc.locator, first) };
          continue;
        }
        ids.set(item.doc.externalId, file.path);
        documents++;
      }
      yield item;
    }
  } catch (err) {
    // A read error mid-stream (disk, network share): keep what was read, report the rest.
    const skip = unreadable(file.path, err);
    yield { kind: 'skipped', skip: { ...skip, message: `${skip.message} (stopped after ${documents} documents)` } };
  }
}

function duplicateSkip(id: string, path: string, locator: string | undefined, firstPath: string) {
  const where = firstPath === path ? 'earlier in the same file' : `by ${firstPath}`;
  const fix =
    locator === undefined
      ? 'files get ids relative to the folder argument, so scan same-named files from different folders separately, or pass their common parent folder'
      : 'give each record a unique id';
  const message = `id "${id}" was already used in this scan ${where}; this one is skipped — ${fix}`;
  return locator === undefined
    ? { path, reason: 'duplicate-id' as const, message }
    : { path, locator, reason: 'duplicate-id' as const, message };
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes} bytes)`;
}

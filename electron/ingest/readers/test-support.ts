/** Helpers shared by the ingest tests (compiled with them; not used by the app). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanSources } from '../scan-sources';
import type { ScanItem, ScanOptions, SkippedSource, SourceDocument } from '../types';
import type { ReaderContext, ScanLimits } from './types';

/** Committed fixtures; tests run from dist/electron/ingest/readers, four levels below the repo root. */
export const FIXTURES = resolve(__dirname, '..', '..', '..', '..', 'test-fixtures', 'ingest');

const made: string[] = [];

/** A fresh empty folder under the OS temp dir; remove all of them with removeTempDirs(). */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'embedops-ingest-'));
  made.push(dir);
  return dir;
}

/** Deletes every folder made by makeTempDir (call from `after`). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Runs a scan to the end and returns every item. */
export async function scanAll(paths: string[], opts?: ScanOptions): Promise<ScanItem[]> {
  const items: ScanItem[] = [];
  for await (const item of scanSources(paths, opts)) items.push(item);
  return items;
}

/** The documents among scan items. */
export function docsOf(items: ScanItem[]): SourceDocument[] {
  return items.flatMap((i) => (i.kind === 'document' ? [i.doc] : []));
}

/** The skips among scan items. */
export function skipsOf(items: ScanItem[]): SkippedSource[] {
  return items.flatMap((i) => (i.kind === 'skipped' ? [i.skip] : []));
}

/** A reader context for calling a reader directly. */
export function readerContext(over: Partial<Omit<ReaderContext, 'limits'>> & { limits?: Partial<ScanLimits> } = {}): ReaderContext {
  return {
    path: over.path ?? '/data/sample.txt',
    fileKey: over.fileKey ?? 'sample.txt',
    fileName: over.fileName ?? 'sample.txt',
    limits: { maxFileBytes: 1 << 26, maxDocumentChars: 5_000_000, ...over.limits },
  };
}

/** Which reader handles which file, by extension. */
import { csvReader, tsvReader } from './csv';
import { htmlReader } from './html';
import { jsonReader } from './json';
import { jsonlReader } from './jsonl';
import { markdownReader } from './markdown';
import { plainTextReader } from './plain-text';
import type { SourceReader } from './types';

export type { ReaderContext, ReaderItem, ScanLimits, SourceFormat, SourceReader } from './types';

const BY_EXTENSION: ReadonlyMap<string, SourceReader> = new Map<string, SourceReader>([
  ['.txt', plainTextReader],
  ['.md', markdownReader],
  ['.markdown', markdownReader],
  ['.html', htmlReader],
  ['.htm', htmlReader],
  ['.json', jsonReader],
  ['.jsonl', jsonlReader],
  ['.ndjson', jsonlReader],
  ['.csv', csvReader],
  ['.tsv', tsvReader],
]);

/** Extensions the scanner imports, lower case with the dot, in a stable order for messages. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys()];

/** Lower-cased extension of a file name including the dot ('' when there is none; dotfiles have none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot).toLowerCase() : '';
}

/** The reader for a file name (extension match, case-insensitive), or undefined when unsupported. */
export function readerFor(fileName: string): SourceReader | undefined {
  return BY_EXTENSION.get(extensionOf(fileName));
}

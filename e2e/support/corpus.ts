import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, writeCorpus } from '../../electron/testing/harness';

/** The Cranfield collection beside the repository on our build machines (absent elsewhere, e.g. CI). */
export const CRANFIELD_DOCS = join(ROOT, '..', 'shared', 'datasets', 'cranfield', 'docs.jsonl');

export interface Corpus {
  file: string;
  /** Documents in it that the import keeps (Cranfield has a couple of empty ones, none in the first lines). */
  documents: number;
  /** Questions whose words the corpus (and the test model's vocabulary) has; vector and keyword hits overlap for some. */
  queries: string[];
  source: 'cranfield' | 'generated';
}

const QUERIES = ['heat transfer in the laminar boundary layer', 'supersonic flow over a wing at high mach number', 'pressure distribution on a cone in hypersonic flow'];

/** The first `lines` Cranfield abstracts as a JSONL file in `dir`, or a generated corpus when Cranfield is not here. */
export function smallCorpus(dir: string, lines = 150): Corpus {
  const file = join(dir, 'corpus.jsonl');
  if (existsSync(CRANFIELD_DOCS)) {
    const slice = readFileSync(CRANFIELD_DOCS, 'utf8').split('\n').filter(Boolean).slice(0, lines);
    writeFileSync(file, slice.join('\n') + '\n');
    const documents = slice.filter((l) => String((JSON.parse(l) as { text?: unknown }).text ?? '').trim()).length;
    return { file, documents, queries: QUERIES, source: 'cranfield' };
  }
  writeCorpus(file, lines);
  return { file, documents: lines, queries: QUERIES, source: 'generated' };
}

/** One small Markdown note, for the upload picker. */
export function note(dir: string): string {
  const file = join(dir, 'wind-tunnel-note.md');
  writeFileSync(file, '# Wind tunnel note\n\nThe model wing was tested in the tunnel at mach number two; lift and drag were measured and compared with theory.\n');
  return file;
}

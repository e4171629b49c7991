import { createHash } from 'node:crypto';

/** Bump when the algorithm changes: chunks made by another version are re-chunked on the next import. */
export const CHUNKER_VERSION = 1;

export interface ChunkParams {
  /** Maximum tokens per chunk, counted with the collection's own tokenizer, without [CLS]/[SEP]. */
  size: number;
  /** Tokens repeated at the start of the next chunk, so a passage cut in two is still found whole. */
  overlap: number;
}

export interface Chunk {
  ordinal: number;
  /** Character offsets into the document's text: text === content.slice(start, end). */
  start: number;
  end: number;
  text: string;
  tokenCount: number;
}

/**
 * Words and single punctuation marks, as BERT's pre-tokenizer splits them. Counting tokens word by
 * word (with a cache) gives the same total as tokenizing the whole chunk, and keeps every chunk
 * boundary on a known character offset.
 */
const PIECE = /[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;
const SENTENCE_END = /^[.!?;:]$/;

interface Piece {
  start: number;
  end: number;
  tokens: number;
  sentenceEnd: boolean;
}

/** Counts tokens per distinct word once; corpora repeat words constantly. */
export function cachedCounter(count: (text: string) => number, limit = 200_000): (word: string) => number {
  const cache = new Map<string, number>();
  return (word) => {
    let n = cache.get(word);
    if (n === undefined) {
      n = count(word);
      if (cache.size >= limit) cache.clear();
      cache.set(word, n);
    }
    return n;
  };
}

function pieces(content: string, countWord: (w: string) => number): Piece[] {
  const out: Piece[] = [];
  for (const m of content.matchAll(PIECE)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, tokens: Math.max(1, countWord(m[0])), sentenceEnd: SENTENCE_END.test(m[0]) });
  }
  return out;
}

/**
 * Greedy chunking in model tokens. A chunk that is full ends at the last sentence end in its final
 * third when there is one, so citations tend to cover whole sentences.
 */
export function chunkText(content: string, params: ChunkParams, countWord: (w: string) => number): Chunk[] {
  const ps = pieces(content, countWord);
  const chunks: Chunk[] = [];
  let first = 0;
  while (first < ps.length) {
    let last = first;
    let tokens = ps[first]!.tokens;
    while (last + 1 < ps.length && tokens + ps[last + 1]!.tokens <= params.size) tokens += ps[++last]!.tokens;
    if (last + 1 < ps.length) {
      let cut = last;
      let cutTokens = tokens;
      while (cut > first && !ps[cut]!.sentenceEnd && cutTokens > (params.size * 2) / 3) cutTokens -= ps[cut--]!.tokens;
      if (ps[cut]!.sentenceEnd && cut > first) {
        last = cut;
        tokens = cutTokens;
      }
    }
    const start = ps[first]!.start;
    const end = ps[last]!.end;
    chunks.push({ ordinal: chunks.length, start, end, text: content.slice(start, end), tokenCount: tokens });
    if (last + 1 >= ps.length) break;
    // Step back over up to `overlap` tokens, always moving forward by at least one piece.
    let next = last + 1;
    let back = 0;
    while (next - 1 > first && back + ps[next - 1]!.tokens <= params.overlap) back += ps[--next]!.tokens;
    first = next;
  }
  return chunks;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Identifies the parameters that produced a chunk, so a change of any of them is detectable. */
export function chunkParamsHash(params: ChunkParams, modelId: string): string {
  return sha256(`chunker:${CHUNKER_VERSION}|size:${params.size}|overlap:${params.overlap}|tokenizer:${modelId}`).slice(0, 16);
}

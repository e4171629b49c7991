import type { ComparedDocument, ComparedQuery, SpotcheckComparison, SpotcheckHit } from '../../shared/types';
import type { Engine } from '../engine';
import { spotcheck } from './spotcheck';

/** Chunks asked per document wanted: several chunks of one document often rank together. */
const CHUNKS_PER_DOCUMENT = 3;

interface Ranked {
  rank: number;
  hit: SpotcheckHit;
}

/** The first `k` distinct documents of a chunk list, each with its best chunk. */
function topDocuments(hits: SpotcheckHit[], k: number): Map<string, Ranked> {
  const out = new Map<string, Ranked>();
  for (const hit of hits) {
    if (out.size >= k) break;
    if (!out.has(hit.document.id)) out.set(hit.document.id, { rank: out.size + 1, hit });
  }
  return out;
}

const cited = (r: Ranked | undefined) => (r ? { chunk: r.hit.chunk, start: r.hit.start, end: r.hit.end, score: Number(r.hit.score.toFixed(4)) } : null);

function compareQuery(query: string, liveHits: SpotcheckHit[], candidateHits: SpotcheckHit[], k: number): ComparedQuery {
  const live = topDocuments(liveHits, k);
  const cand = topDocuments(candidateHits, k);
  const ids = [...new Set([...cand.keys(), ...live.keys()])];
  const documents = ids.map((id): ComparedDocument => {
    const l = live.get(id);
    const c = cand.get(id);
    const change = !l ? 'appeared' : !c ? 'disappeared' : c.rank < l.rank ? 'up' : c.rank > l.rank ? 'down' : 'same';
    return { id, title: (c ?? l)!.hit.document.title, liveRank: l?.rank ?? null, candidateRank: c?.rank ?? null, live: cited(l), candidate: cited(c), change };
  });
  // Candidate order first (what readers will see), then what drops out, by its old rank.
  documents.sort((a, b) => (a.candidateRank ?? 1e9) - (b.candidateRank ?? 1e9) || (a.liveRank ?? 1e9) - (b.liveRank ?? 1e9));
  const both = documents.filter((d) => d.liveRank !== null && d.candidateRank !== null).length;
  const larger = Math.max(live.size, cand.size);
  const topLive = [...live.values()].find((r) => r.rank === 1);
  const topCand = [...cand.values()].find((r) => r.rank === 1);
  return {
    query,
    documents,
    overlap: larger ? both / larger : 1,
    appeared: documents.filter((d) => d.change === 'appeared').length,
    disappeared: documents.filter((d) => d.change === 'disappeared').length,
    sameTop: topLive?.hit.document.id === topCand?.hit.document.id,
  };
}

/**
 * Runs the same queries against the live collection and a candidate and lines the answers up by
 * document (chunk ids differ between versions; documents and their offsets do not): rank changes,
 * documents that appear or disappear, and the overlap of the two top-k lists.
 */
export async function compareCollections(engine: Engine, live: string, candidate: string, queries: string[], k: number, source: SpotcheckComparison['source']): Promise<SpotcheckComparison> {
  const chunks = Math.min(100, k * CHUNKS_PER_DOCUMENT);
  const a = await spotcheck(engine, live, queries, chunks);
  const b = await spotcheck(engine, candidate, queries, chunks);
  const compared = queries.map((q, i) => compareQuery(a.results[i]!.query, a.results[i]!.hits, b.results[i]!.hits, k));
  const meanOverlap = compared.length ? compared.reduce((s, q) => s + q.overlap, 0) / compared.length : 1;
  const notes: string[] = [];
  if (source === 'document-titles') notes.push(`No saved query set: compared on ${queries.length} document titles instead. Save 3–5 queries you trust with: embedops queries set ${live.replace(/@v[0-9]+$/, '')} "…" "…"`);
  const unchanged = compared.filter((q) => q.overlap === 1 && q.documents.every((d) => d.change === 'same')).length;
  notes.push(`${unchanged} of ${compared.length} queries return the same documents in the same order; mean top-${k} overlap ${(meanOverlap * 100).toFixed(0)} %.`);
  return { live: a.collection, candidate: b.collection, k, source, queries: compared, meanOverlap, notes };
}

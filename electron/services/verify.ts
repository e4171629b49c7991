import type { Discrepancy, VerifyReport } from '../../shared/types';
import type { Engine } from '../engine';
import { getCollection } from '../store/collections';
import type { Db } from '../store/db';
import { nowIso } from '../store/db';
import { healthSql, sampleSql } from '../store/health-sql';
import { createRun, finishRun } from '../store/runs';
import { VectorTable } from '../store/vectors';
import { scanVectors } from './vector-scan';
import { modelFingerprint, resolveModel } from '../embedding/model-folder';
import { withheldReport } from '../secrets/withheld';

const SAMPLE = 20;

function pick<T, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

function ids(db: Db, sql: string): number[] {
  return (db.prepare(sql).pluck().all() as (number | bigint)[]).map(Number);
}

/**
 * Reads every vector once: NaN/Inf values or zero length make a vector useless for search. Every
 * verify reads them all, because nothing else would notice a vector changed in place by another
 * tool (vec0 accepts an UPDATE to NaN); the bulk read of sqlite-vec's storage makes that ≈ 0.5 s
 * per million 384-d vectors (bench/README.md, `verify`).
 */

/**
 * Counts everything a reviewer signs off, each with the SQL that produced it. PASS only when every
 * chunk has exactly one current vector and no vector lacks a chunk.
 */
export async function verifyCollection(engine: Engine, name: string): Promise<VerifyReport> {
  const { db } = engine;
  const recorded = getCollection(db, name);
  const warnings: string[] = [];
  // Vectors are judged against the model files as they are now: a file replaced under the same
  // name makes every vector it did not produce stale.
  let current: string | null = null;
  try {
    current = await modelFingerprint(resolveModel(recorded.modelId, engine.env), recorded.modelDtype);
  } catch (err) {
    warnings.push(`The model folder of ${recorded.modelId} was not found, so its files could not be re-checked (${(err as Error).message.split('. ')[0]}).`);
  }
  const modelChanged = current !== null && current !== recorded.modelFingerprint;
  const c = modelChanged ? { ...recorded, modelFingerprint: current! } : recorded;
  const runId = engine.readonly ? 0 : createRun(db, { kind: 'verify', collectionId: c.id, collectionName: c.name, settings: { modelFingerprint: c.modelFingerprint }, command: `embedops verify ${c.name}` });
  const sql = healthSql(c);
  // The vector scan starts first: on a big table it runs in worker threads while this thread counts.
  const scanning = scanVectors(db, engine.dbPath, c, db.prepare(sql.vectors).pluck().get() as number);
  const counts = (Object.keys(sql) as (keyof typeof sql)[]).map((key) => ({ name: key, value: db.prepare(sql[key]).pluck().get() as number, sql: sql[key] }));
  const v = Object.fromEntries(counts.map((x) => [x.name, x.value])) as Record<keyof typeof sql, number>;
  const scan = await scanning;
  const bad = scan.bad;
  // The vectors sqlite-vec actually stores, against its rowid index. A parallel read compares them
  // share by share, each in one snapshot; otherwise the storage read (or the vec0 table's row count)
  // is held against the index count above.
  const stored = scan.method === 'rows' ? new VectorTable(db, c.vecTable).count() : scan.live;
  const mismatch = scan.mismatch ?? Math.abs(stored - v.vectors);
  // Chunks the secrets guard withholds are missing on purpose: explained (a warning), not a failure.
  const withheld = withheldReport(db, c, SAMPLE);
  if (withheld.count) {
    warnings.push(
      `${withheld.count} chunk(s) withheld by the secrets guard: they look like credentials, so backfills with policy skip leave them without a vector (chunk ids ${withheld.sampleChunkIds.join(', ')}${withheld.count > withheld.sampleChunkIds.length ? ', …' : ''}). ` +
        `See where with: embedops plan ${c.name} --mode missing; embed them redacted with: embedops backfill ${c.name} --mode missing --secrets redact`,
    );
  }

  const discrepancies: Discrepancy[] = [];
  // Samples are fetched only for a count that is not zero: each is another pass over the collection.
  const add = (kind: Discrepancy['kind'], count: number, explanation: string, sample: number[] | (() => number[])) => {
    if (count > 0) discrepancies.push({ kind, count, explanation, sampleChunkIds: (typeof sample === 'function' ? sample() : sample).slice(0, SAMPLE) });
  };
  const failed = v.missing === 0 ? 0 : db.prepare(`SELECT count(DISTINCT f.chunk_id) FROM run_failures f JOIN document_chunks c ON c.id = f.chunk_id WHERE c.collection_id = ? AND NOT EXISTS (SELECT 1 FROM ${c.vecTable}_rowids r WHERE r.rowid = c.id)`).pluck().get(c.id) as number;
  add(
    'missing',
    v.missing - withheld.count,
    `${v.missing - withheld.count} chunk(s) have no vector` +
      (failed ? ` (${failed} of them failed to embed; see embedops history ${c.name})` : '') +
      `. Fix: embedops backfill ${c.name} --mode missing`,
    withheld.missingSample,
  );
  if (modelChanged) {
    add(
      'model-changed',
      v.stale,
      `The model files of ${c.modelId} changed since this collection was built (recorded ${recorded.modelFingerprint.slice(0, 19)}…, on disk ${current!.slice(0, 19)}…): ` +
        `its vectors were made by other files. Fix: restore the original model folder, or build the next version with these files and swap readers to it once it verifies (embedops collections derive ${c.name} --model ${c.modelId}); backfills of this collection are refused until then`,
      () => ids(db, sampleSql(c, 'stale', SAMPLE)),
    );
  } else {
    add('stale', v.stale, `${v.stale} vector(s) were made from older text or other model files. Fix: embedops backfill ${c.name} --mode stale`, () => ids(db, sampleSql(c, 'stale', SAMPLE)));
  }
  add('orphaned', v.orphaned, `${v.orphaned} vector(s) belong to no chunk of this collection (chunk deleted outside EmbedOps?). Fix: embedops backfill ${c.name} --mode rebuild`, () => ids(db, sampleSql(c, 'orphaned', SAMPLE)));
  add('wrong-dimension', v.wrongDimension, `${v.wrongDimension} ledger row(s) record a dimension other than ${c.dimension}. Fix: embedops backfill ${c.name} --mode rebuild`, () => ids(db, sampleSql(c, 'wrongDimension', SAMPLE)));
  add('bad-vector', bad.length, `${bad.length} vector(s) contain NaN/Inf values or have zero length. Fix: embedops backfill ${c.name} --mode rebuild`, bad);
  if (mismatch) {
    add('count-mismatch', mismatch, `the vec0 table ${scan.method === 'rows' ? 'reports' : 'stores'} ${stored} vectors but its rowid index ${v.vectors}: the vector table is damaged. Fix: restore a backup or rebuild`, []);
  }
  const status = discrepancies.length === 0 && v.vectors + withheld.count === v.chunks ? 'PASS' : 'FAIL';
  const report: VerifyReport = {
    status,
    collection: c.name,
    modelId: c.modelId,
    modelFingerprint: recorded.modelFingerprint,
    currentModelFingerprint: current,
    warnings,
    dimension: c.dimension,
    chunkSize: c.chunkSize,
    chunkOverlap: c.chunkOverlap,
    documents: v.documents,
    chunks: v.chunks,
    vectors: v.vectors,
    missing: v.missing,
    stale: v.stale,
    orphaned: v.orphaned,
    withheld: withheld.count,
    wrongDimension: v.wrongDimension,
    badVectors: bad.length,
    counts: [...counts, { name: 'withheld', value: withheld.count, sql: withheld.sql }, { name: 'badVectors', value: bad.length, sql: scan.method === 'storage'
          ? `-- every live vector in ${c.vecTable}_vector_chunks00 (slots marked in ${c.vecTable}_chunks.validity) is read and checked for NaN/Inf values and zero length`
          : `-- every vector of ${c.vecTable} is read and checked for NaN/Inf values and zero length (needs sqlite-vec loaded)` }],
    discrepancies,
    checkedAt: nowIso(),
    runId,
  };
  if (runId) {
    finishRun(db, runId, 'completed', {
      result: {
        status,
        ...pick(report, ['documents', 'chunks', 'vectors', 'missing', 'withheld', 'stale', 'orphaned', 'badVectors', 'modelFingerprint', 'currentModelFingerprint', 'warnings']),
        // What FAIL means, kept with the run so history (and the DONE checklist) can say it later.
        discrepancies: discrepancies.map(({ kind, count, explanation }) => ({ kind, count, explanation })),
      },
    });
  }
  return report;
}

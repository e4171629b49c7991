import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretsPolicy } from '../../shared/types';
import { embeddingHost } from '../embedding/host';
import { startBackfill, openCollectionModel } from '../jobs/backfill';
import { planBackfill } from '../jobs/plan';
import { importPaths } from '../ingest/import';
import { createCollection, showCollection } from '../services/collections';
import { verifyCollection } from '../services/verify';
import { getCollection } from '../store/collections';
import { VectorTable } from '../store/vectors';
import { CORPUS_WORDS, engineFor, workspace } from '../testing/harness';
import { FAKE_SECRETS } from '../testing/fake-secrets';
import { redactSecrets } from './detect';
import { decodeFindings } from './scan-store';

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => CORPUS_WORDS[(i * 7 + seed * 13) % CORPUS_WORDS.length]).join(' ');

/** Clean documents, and one document per fake credential with ordinary text on both sides. */
function corpus(dir: string): string {
  const docs = [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `clean-${i}`, title: `notes ${i}`, text: words(90, i) })),
    ...FAKE_SECRETS.map((f, i) => ({ id: `ops-${i}`, title: `ops runbook ${i}`, text: `${words(30, i)}\n\n${f.text}\n\n${words(30, i + 50)}` })),
  ];
  const file = join(dir, 'docs.jsonl');
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return file;
}

/** Every secret that occurs in any of the strings. */
function leaked(strings: string[]): string[] {
  const all = strings.join('\n');
  return FAKE_SECRETS.filter((f) => all.includes(f.secret)).map((f) => f.kind);
}

/** Everything the database keeps as a log or record of runs and plans. */
function logs(db: ReturnType<typeof engineFor>['db']): string[] {
  return [
    ...(db.prepare('SELECT message FROM run_events').pluck().all() as string[]),
    ...(db.prepare('SELECT error FROM run_failures').pluck().all() as string[]),
    ...(db.prepare("SELECT settings || ' ' || coalesce(result, '') || ' ' || coalesce(plan, '') || ' ' || command || ' ' || coalesce(error, '') FROM runs").pluck().all() as string[]),
    ...(db.prepare('SELECT body FROM plans').pluck().all() as string[]),
  ];
}

test('secrets guard end to end with the real worker: what the model is given, vectors, verify, logs — per policy', async () => {
  const ws = workspace();
  const engine = engineFor(ws);
  const file = corpus(ws.dir);
  const sent: string[] = [];
  const untap = embeddingHost().tap((req) => {
    if (req.type === 'embed') sent.push(...req.texts);
  });
  try {
    for (const policy of ['skip', 'redact', 'allow'] as SecretsPolicy[]) {
      const name = `c_${policy}`;
      await createCollection(engine, { name, model: 'test-model', chunkSize: 24, chunkOverlap: 4 });
      await importPaths(engine, name, [file]);
      const c = getCollection(engine.db, name);
      sent.length = 0;

      // The plan: how many and where, never the text.
      const plan = await planBackfill(engine, name, 'missing', 8, policy);
      const s = plan.secrets;
      assert.equal(s.policy, policy);
      assert.ok(s.flagged >= FAKE_SECRETS.length, `${policy}: at least one flagged chunk per credential (${s.flagged})`);
      assert.equal(s.flaggedInCollection, s.flagged);
      for (const kind of new Set(FAKE_SECRETS.map((f) => f.kind))) assert.ok((s.byKind[kind] ?? 0) > 0, `${policy}: kind ${kind} counted`);
      FAKE_SECRETS.forEach((f, i) => {
        const text = `${words(30, i)}\n\n${f.text}\n\n${words(30, i + 50)}`;
        const at = text.indexOf(f.secret);
        const spans = s.chunks.filter((x) => x.document.id === `ops-${i}`).flatMap((x) => x.spans);
        assert.ok(spans.some((sp) => sp.start <= at + 1 && sp.end > at), `${policy}: ${f.kind} located in ops-${i} by document offsets`);
      });
      const check = plan.checks.find((x) => x.name === 'secrets guard')!;
      assert.match(check.detail, new RegExp(`^${s.flagged} chunk\\(s\\) look like credentials \\(.*\\): they will be`));
      assert.match(plan.command, new RegExp(`--secrets ${policy}`));
      const chunks = engine.db.prepare('SELECT count(*) FROM document_chunks WHERE collection_id = ?').pluck().get(c.id) as number;
      assert.equal(plan.toEmbed, policy === 'skip' ? chunks - s.flagged : chunks);
      assert.deepEqual(leaked([JSON.stringify(plan)]), [], `${policy}: plan JSON`);

      const run = await startBackfill(engine, name, { mode: 'missing', batchSize: 8, secrets: policy });
      assert.equal(run.status, 'completed');
      assert.equal(run.settings.secrets, policy, 'the policy is recorded with the run');
      const outcome = run.result!.secrets as Record<string, number>;
      assert.equal(outcome.flagged, s.flagged);
      assert.ok(sent.length >= chunks - s.flagged, 'the tap saw the embedding input');

      const flaggedIds = engine.db.prepare('SELECT chunk_id FROM chunk_secrets WHERE collection_id = ? AND count > 0').pluck().all(c.id) as number[];
      const vectors = new VectorTable(engine.db, c.vecTable);
      const report = await verifyCollection(engine, name);
      assert.equal(report.status, 'PASS', JSON.stringify(report.discrepancies));
      if (policy === 'allow') {
        // The tap is not blind: under allow the credentials do reach the model, and the run says so.
        assert.deepEqual(leaked(sent).sort(), FAKE_SECRETS.map((f) => f.kind).sort());
        assert.equal(outcome.allowed, s.flagged);
        assert.ok(flaggedIds.every((id) => vectors.exists(id)));
      } else {
        assert.deepEqual(leaked(sent), [], `${policy}: no credential reached the model`);
      }
      if (policy === 'skip') {
        assert.equal(outcome.withheld, s.flagged);
        assert.ok(flaggedIds.every((id) => !vectors.exists(id)), 'withheld chunks have no vector');
        assert.equal(report.withheld, s.flagged);
        assert.equal(report.vectors + report.withheld, report.chunks);
        assert.match(report.warnings.join('\n'), /withheld by the secrets guard/);
        assert.equal(showCollection(engine, name).health, 'complete', 'withheld chunks are explained, not missing');
      }
      if (policy === 'redact') {
        assert.equal(outcome.redacted, s.flagged);
        assert.equal(report.withheld, 0);
        assert.equal(report.stale, 0, "the ledger keeps the original text's hash, so redacted vectors are current");
        // Each stored vector is the vector of the redacted text embedded directly.
        const rows = engine.db.prepare('SELECT c.id, c.text, s.findings FROM document_chunks c JOIN chunk_secrets s ON s.chunk_id = c.id WHERE c.collection_id = ? AND s.count > 0').all(c.id) as { id: number; text: string; findings: string }[];
        const redacted = rows.map((r) => redactSecrets(r.text, decodeFindings(r.findings)));
        assert.deepEqual(leaked(redacted), []);
        const embedder = await openCollectionModel(engine, c);
        try {
          const direct = await embedder.embed(redacted);
          const stored = new Map([...vectors.scan()].map((v) => [v.chunkId, v.vector]));
          rows.forEach((r, i) => {
            const a = stored.get(r.id)!;
            const b = direct[i]!;
            assert.ok(a.every((x, k) => Math.abs(x - b[k]!) < 1e-5), `chunk ${r.id}: stored vector = embed(redacted text)`);
          });
        } finally {
          await embedder.close();
        }
      }
      assert.deepEqual(leaked(logs(engine.db)), [], `${policy}: run events, failures, run records and plans`);
    }
  } finally {
    untap();
  }
});

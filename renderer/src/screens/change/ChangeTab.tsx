import { useState, type ReactNode } from 'react';
import type { DeriveResult, PurgeResult } from '../../../../shared/types';
import { useAliases, useCollections, useQuerySet, useRuns, useSwapGate } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { fmtInt } from '../../lib/format';
import { runHref } from '../../lib/route';
import { baseName, familyOf, versionOf } from '../../lib/versions';
import { BackfillStep } from './BackfillStep';
import { CompareStep } from './CompareStep';
import { currentStep, gateOutdated, lastVerify, settingChanges, stepState, STEPS, type StepKey } from './flow';
import { QuerySetEditor } from './QuerySetEditor';
import { SettingsStep } from './SettingsStep';
import { Step } from './Step';
import { SwappedCard } from './SwappedCard';
import { SwapStep } from './SwapStep';
import { VerifyStep } from './VerifyStep';
import { VersionsTable } from './VersionsTable';

/**
 * Derive & swap, as guided steps. Where the flow stands is read from the database (a `building`
 * version of this alias, its counts, its verifications), so leaving, reloading or coming back
 * another day resumes at the same step.
 */
export function ChangeTab({ name }: { name: string }) {
  const base = baseName(name);
  const collections = useCollections();
  const aliases = useAliases();
  const runs = useRuns(undefined, 500);
  const querySet = useQuerySet(base);
  const gate = useSwapGate(base);
  const [derived, setDerived] = useState<DeriveResult | null>(null);
  const [purged, setPurged] = useState<PurgeResult | null>(null);

  const failed = collections.error ?? aliases.error ?? runs.error;
  if (failed) return <ErrorNotice title="Could not load the versions" error={failed} onRetry={() => void Promise.all([collections.refetch(), aliases.refetch(), runs.refetch()])} />;
  if (!collections.data || !aliases.data || !runs.data) return <Loading what="Loading the versions and their history" />;

  const f = familyOf(base, collections.data, aliases.data);
  const familyRuns = runs.data.filter((r) => baseName(r.collection) === base);
  const saved = querySet.data?.queries;
  const step = currentStep(f, familyRuns, gate, saved);
  const c = f.candidate;
  const outdated = c ? gateOutdated(gate, c, saved) : null;
  const nextName = `${base}@v${Math.max(1, ...f.versions.map((v) => versionOf(v.settings.name))) + 1}`;
  const deriveRun = c ? familyRuns.find((r) => r.kind === 'derive' && r.collection === c.settings.name && r.status === 'completed') : undefined;
  const renamed = derived?.renamed ?? ((deriveRun?.result as { renamed?: DeriveResult['renamed'] } | null)?.renamed ?? null);
  const verified = c ? lastVerify(familyRuns, c) : null;
  const st = (k: StepKey) => stepState(k, step);
  const swappedShown = !c && !!f.alias;

  const summary: Record<StepKey, string> = {
    settings: c && f.live ? settingChanges(f.live.settings, c.settings).join(' · ') : 'model, chunk size, overlap, weights',
    derive: c ? `${c.settings.name}: ${fmtInt(c.counts.documents)} documents → ${fmtInt(c.counts.chunks)} chunks` : 'the same documents, re-chunked, in a new version',
    backfill: c ? `${fmtInt(c.counts.vectors)} of ${fmtInt(c.counts.chunks)} chunks have a vector` : 'embed every chunk of the new version',
    verify: verified ? `${verified.status} (run #${verified.runId})` : 'vectors == chunks, nothing missing or stale',
    compare: gate && c && gate.to === c.settings.name && gate.comparison ? `mean overlap ${Math.round(gate.comparison.meanOverlap * 100)} % over ${gate.comparison.queries.length} queries${outdated ? ' (outdated)' : ''}` : 'the saved queries on both versions, side by side',
    swap: 'readers switch in one step, with a way back',
  };

  return (
    <div className="stack change" data-testid="change">
      <section className="card" aria-labelledby="versions-h">
        <h2 id="versions-h">Versions of {base}</h2>
        <VersionsTable family={f} actions={!!c || !f.alias} onPurged={setPurged} />
      </section>
      {purged && (
        <div className="notice notice--info" role="status" data-testid="purged">
          <p className="notice__title">
            Purged {purged.collection} (<a href={runHref(purged.runId)}>run #{purged.runId}</a>): {fmtInt(purged.counts.documents)} documents, {fmtInt(purged.counts.chunks)} chunks,{' '}
            {fmtInt(purged.counts.vectors)} vectors deleted.
          </p>
          <p className="notice__body">
            The database before it is kept in <span className="mono wrap">{purged.backup}</span> (see <a href="#/backups">Backups</a> to restore it).
          </p>
        </div>
      )}
      {swappedShown && <SwappedCard family={f} runs={familyRuns} onPurged={setPurged} />}
      <section className="card" aria-labelledby="flow-h">
        <h2 id="flow-h">{c ? `Change in progress: ${f.live?.settings.name ?? base} → ${c.settings.name}` : `Change the model or the chunking of ${base}`}</h2>
        <ol className="steps" data-testid="steps" data-current={step}>
          {STEPS.map((s, i) => {
            const state = st(s.key);
            let body: ReactNode = null;
            if (s.key === 'settings') {
              body = c ? (
                <p>
                  {c.settings.name} was derived with {c.settings.modelId} ({c.settings.modelDtype}), chunks of {c.settings.chunkSize} tokens, overlap {c.settings.chunkOverlap}. To
                  try other settings, discard it (Versions, above) and derive again.
                </p>
              ) : f.live ? (
                <SettingsStep key={`${f.live.settings.name}:${f.live.settings.chunkSize}:${f.live.settings.chunkOverlap}:${f.live.settings.modelId}`} base={base} live={f.live} aliased={!!f.alias} nextName={nextName} onDerived={setDerived} />
              ) : (
                <p className="field__error">No live version of {base} to derive from.</p>
              );
            } else if (!c && s.key === 'compare') {
              body = <QuerySetEditor alias={base} />;
            } else if (c) {
              if (s.key === 'derive')
                body = (
                  <p data-testid="derive-result">
                    <strong>{c.settings.name}</strong> (building) holds <strong className="num">{fmtInt(c.counts.documents)}</strong> documents as{' '}
                    <strong className="num">{fmtInt(c.counts.chunks)}</strong> chunks{deriveRun && <> (<a href={runHref(deriveRun.id)}>derive #{deriveRun.id}</a>)</>}.{' '}
                    {renamed && `${renamed.from} was renamed ${renamed.to}; the alias ${base} serves it. `}
                    Readers of {base} still get {f.live?.settings.name ?? '—'}.
                  </p>
                );
              if (s.key === 'backfill') body = <BackfillStep candidate={c} />;
              if (s.key === 'verify') body = <VerifyStep candidate={c} runs={familyRuns} />;
              if (s.key === 'compare') body = <CompareStep alias={base} candidate={c} gate={gate} outdated={outdated} />;
              if (s.key === 'swap') body = <SwapStep alias={base} live={f.live} candidate={c} gate={gate} outdated={outdated} />;
            }
            return (
              <Step
                key={`${s.key}:${state}`}
                n={i + 1}
                id={s.key}
                title={s.title}
                state={state}
                summary={summary[s.key]}
                // Just derived here: keep its result in view while the next step opens.
                // The comparison stays in view at the swap: it is what the reviewer swaps on.
                // After a swap the page is about its result: a new change waits folded until asked for.
                open={
                  (s.key === 'derive' && !!c && derived?.collection.settings.name === c.settings.name) || (s.key === 'compare' && step === 'swap')
                    ? true
                    : s.key === 'settings' && swappedShown
                      ? false
                      : undefined
                }
              >
                {body}
              </Step>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

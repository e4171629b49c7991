import { useId, useState, type FormEvent } from 'react';
import type { CollectionStatus, DeriveResult } from '../../../../shared/types';
import { useDerive } from '../../api/actions';
import { useTaskProgress } from '../../api/events';
import { useModels, useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TaskProgressLine } from '../../components/TaskProgress';
import { fmtInt } from '../../lib/format';
import { settingChanges } from './flow';

/**
 * Step 1: the new settings, pre-filled with the live collection's, what changes, and why readers
 * are not affected. Derive (step 2) runs from here: one command that answers when done, its
 * progress (task/progress events) shown meanwhile.
 */
export function SettingsStep({ base, live, aliased, nextName, onDerived }: { base: string; live: CollectionStatus; aliased: boolean; nextName: string; onDerived: (r: DeriveResult) => void }) {
  const id = useId();
  const s = live.settings;
  const models = useModels();
  const readOnly = useReadOnly();
  const derive = useDerive();
  const copying = useTaskProgress(['collections/derive'], base, derive.isPending);
  const [model, setModel] = useState(s.modelId);
  const [dtype, setDtype] = useState<'fp32' | 'q8'>(s.modelDtype);
  const [chunkSize, setChunkSize] = useState(String(s.chunkSize));
  const [chunkOverlap, setChunkOverlap] = useState(String(s.chunkOverlap));

  const size = Number(chunkSize);
  const overlap = Number(chunkOverlap);
  const sizeError = !Number.isInteger(size) || size < 8 || size > 8192 ? 'A whole number from 8 to 8192 tokens.' : null;
  const overlapError = !Number.isInteger(overlap) || overlap < 0 ? 'A whole number, 0 or more.' : !sizeError && overlap >= size ? 'Must be smaller than the chunk size.' : null;
  const names = models.data?.map((m) => m.name) ?? [];
  const options = names.includes(s.modelId) ? names : [s.modelId, ...names];
  const changes = sizeError || overlapError ? [] : settingChanges(s, { modelId: model, modelDtype: dtype, chunkSize: size, chunkOverlap: overlap });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (sizeError || overlapError || !changes.length) return;
    derive.mutate(
      {
        from: base,
        model: model !== s.modelId ? model : undefined,
        // A new model brings its own default weights unless the user picked them.
        dtype: dtype !== s.modelDtype ? dtype : undefined,
        chunkSize: size,
        chunkOverlap: overlap,
      },
      { onSuccess: onDerived },
    );
  };

  return (
    <form className="form stack" onSubmit={submit} noValidate data-testid="derive-form">
      <div className="notice notice--info">
        <p className="notice__body">
          A change never re-embeds <strong>{live.settings.name}</strong> in place. It builds a new version beside it, <strong>{nextName}</strong>, with the
          same {fmtInt(live.counts.documents)} documents, re-chunked. <strong>{live.settings.name} keeps serving readers</strong> of <strong>{base}</strong> while
          the new one is backfilled, verified and compared; readers switch only when you swap, and can be switched back.
          {!aliased && (
            <>
              {' '}
              The first derive renames <strong>{base}</strong> to <strong>{base}@v1</strong> and makes <strong>{base}</strong> an alias of it in the same
              transaction, so nothing readers use changes.
            </>
          )}
        </p>
      </div>
      <div className="form--grid">
        <div className="field field--wide">
          <label htmlFor={`${id}-model`}>Model</label>
          <select id={`${id}-model`} value={model} onChange={(e) => setModel(e.target.value)} disabled={!models.data}>
            {options.map((m) => (
              <option key={m} value={m}>
                {m}
                {m === s.modelId ? ' (now)' : ''}
              </option>
            ))}
          </select>
          <p className="field__help">{models.isError ? `Could not list models: ${models.error.message}` : 'Model folders on the search path (see Models).'}</p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-size`}>Chunk size (tokens)</label>
          <input id={`${id}-size`} type="number" min={8} max={8192} value={chunkSize} onChange={(e) => setChunkSize(e.target.value)} aria-invalid={!!sizeError} aria-describedby={`${id}-size-help`} />
          <p id={`${id}-size-help`} className={sizeError ? 'field__error' : 'field__help'}>
            {sizeError ?? `Now ${s.chunkSize}.`}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-overlap`}>Chunk overlap (tokens)</label>
          <input id={`${id}-overlap`} type="number" min={0} value={chunkOverlap} onChange={(e) => setChunkOverlap(e.target.value)} aria-invalid={!!overlapError} aria-describedby={`${id}-overlap-help`} />
          <p id={`${id}-overlap-help`} className={overlapError ? 'field__error' : 'field__help'}>
            {overlapError ?? `Now ${s.chunkOverlap}.`}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dtype`}>Weights</label>
          <select id={`${id}-dtype`} value={dtype} onChange={(e) => setDtype(e.target.value as 'fp32' | 'q8')}>
            <option value="fp32">fp32{s.modelDtype === 'fp32' ? ' (now)' : ''}</option>
            <option value="q8">q8 (quantized){s.modelDtype === 'q8' ? ' (now)' : ''}</option>
          </select>
          <p className="field__help">{model !== s.modelId && dtype === s.modelDtype ? "Left as is, a new model uses its own default." : `Now ${s.modelDtype}.`}</p>
        </div>
      </div>
      <div className="changes" data-testid="derive-changes" aria-live="polite">
        <strong>What changes:</strong>{' '}
        {changes.length ? (
          <ul className="changes__list">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">nothing yet: pick another model, weights, chunk size or overlap.</span>
        )}
      </div>
      <div className="row-gap">
        <button type="submit" className="btn btn--primary" disabled={readOnly || derive.isPending || !changes.length || !!sizeError || !!overlapError} data-testid="derive">
          {derive.isPending ? 'Deriving…' : `Derive the new version of ${base}`}
        </button>
        <span className="muted">Copies the documents and re-chunks them; no vector is computed yet. Same as: embedops collections derive {base} …</span>
      </div>
      {derive.isPending && (
        <TaskProgressLine progress={copying} verb={`Copying documents of ${live.settings.name} and re-chunking them`} waiting={`Copying ${fmtInt(live.counts.documents)} documents of ${live.settings.name} and re-chunking them`} />
      )}
      {derive.isError && <ErrorNotice title="Nothing was derived" error={derive.error} />}
    </form>
  );
}

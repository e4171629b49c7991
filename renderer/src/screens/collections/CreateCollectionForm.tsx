import { useId, useState, type FormEvent } from 'react';
import { useCreateCollection } from '../../api/actions';
import { useCollections, useModels, useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { nameProblem } from '../../lib/collection-name';
import { collectionHref, navigate } from '../../lib/route';

/** The engine's defaults (`embedops collections create`), shown so nobody has to guess them. */
const DEFAULTS = { model: 'embedops-static-100d', chunkSize: 200, chunkOverlap: 20 };

export function CreateCollectionForm() {
  const id = useId();
  const models = useModels();
  const existing = (useCollections().data ?? []).map((c) => c.settings.name);
  const readOnly = useReadOnly();
  const create = useCreateCollection();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [model, setModel] = useState('');
  const [chunkSize, setChunkSize] = useState(String(DEFAULTS.chunkSize));
  // Untouched, the overlap follows the chunk size as the CLI's default does: min(20, size / 4).
  const [overlapInput, setChunkOverlap] = useState<string | null>(null);
  const [dtype, setDtype] = useState<'' | 'fp32' | 'q8'>('');

  const nameError = nameProblem(name.trim(), existing);
  const size = Number(chunkSize);
  const chunkOverlap = overlapInput ?? String(Number.isInteger(size) && size > 0 ? Math.min(DEFAULTS.chunkOverlap, Math.floor(size / 4)) : DEFAULTS.chunkOverlap);
  const overlap = Number(chunkOverlap);
  const sizeError = !Number.isInteger(size) || size < 8 || size > 8192 ? 'A whole number from 8 to 8192 tokens.' : null;
  const overlapError = !Number.isInteger(overlap) || overlap < 0 ? 'A whole number, 0 or more.' : !sizeError && overlap >= size ? 'Must be smaller than the chunk size.' : null;
  const chosenModel = model || (models.data?.some((m) => m.name === DEFAULTS.model) ? DEFAULTS.model : (models.data?.[0]?.name ?? ''));
  const invalid = !!(nameError || sizeError || overlapError);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid) {
      // Take the keyboard to the first field that needs fixing; its message is read with it.
      const first = nameError ? 'name' : sizeError ? 'size' : 'overlap';
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const n = name.trim();
    create.mutate(
      { name: n, model: chosenModel || undefined, chunkSize: size, chunkOverlap: overlap, dtype: dtype || undefined },
      { onSuccess: () => navigate(collectionHref(n, 'import')) },
    );
  };

  const showName = touched || name.length > 0;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>New collection</h2>
      <p className="muted">The vector dimension is measured by embedding a test text with the model, so creating takes a moment.</p>
      <form className="form form--grid" onSubmit={submit} noValidate data-testid="create-collection">
        <div className="field field--wide">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setTouched(true)}
            placeholder="tenant_42"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={showName && !!nameError}
            aria-describedby={`${id}-name-help`}
          />
          <p id={`${id}-name-help`} className={showName && nameError ? 'field__error' : 'field__help'}>
            {showName && nameError ? nameError : 'Lower-case letters, digits and _, up to 64; a new version of a collection adds @v2.'}
          </p>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-model`}>Model</label>
          <select id={`${id}-model`} value={chosenModel} onChange={(e) => setModel(e.target.value)} disabled={!models.data?.length} aria-describedby={`${id}-model-help`}>
            {models.data?.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
                {m.name === DEFAULTS.model ? ' (default)' : ''}
              </option>
            ))}
          </select>
          <p id={`${id}-model-help`} className={models.isError ? 'field__error' : 'field__help'}>
            {models.isPending
              ? 'Looking for model folders…'
              : models.isError
                ? `Could not list models: ${models.error.message}`
                : models.data?.length
                  ? `${models.data.length} model folder(s) on the search path. See Models for where they are.`
                  : 'No model folders found: put one under a folder of EMBEDOPS_MODELS (see Models).'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-size`}>Chunk size (tokens)</label>
          <input id={`${id}-size`} type="number" inputMode="numeric" min={8} max={8192} value={chunkSize} onChange={(e) => setChunkSize(e.target.value)} aria-invalid={!!sizeError} aria-describedby={`${id}-size-help`} />
          <p id={`${id}-size-help`} className={sizeError ? 'field__error' : 'field__help'}>
            {sizeError ?? `Default ${DEFAULTS.chunkSize}, in the model's own tokens.`}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-overlap`}>Chunk overlap (tokens)</label>
          <input id={`${id}-overlap`} type="number" inputMode="numeric" min={0} value={chunkOverlap} onChange={(e) => setChunkOverlap(e.target.value)} aria-invalid={!!overlapError} aria-describedby={`${id}-overlap-help`} />
          <p id={`${id}-overlap-help`} className={overlapError ? 'field__error' : 'field__help'}>
            {overlapError ?? `Default ${DEFAULTS.chunkOverlap} (a quarter of smaller chunks): tokens shared by neighbouring chunks.`}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dtype`}>Weights</label>
          <select id={`${id}-dtype`} value={dtype} onChange={(e) => setDtype(e.target.value as typeof dtype)}>
            <option value="">Default</option>
            <option value="fp32">fp32</option>
            <option value="q8">q8 (quantized)</option>
          </select>
          <p className="field__help">Default: fp32 (onnx/model.onnx) when the folder has it, else q8.</p>
        </div>
        <div className="form__actions field--wide">
          <button type="submit" className="btn btn--primary" disabled={create.isPending || readOnly}>
            {create.isPending ? 'Creating (loading the model)…' : 'Create collection'}
          </button>
          {readOnly && <span className="muted">Read-only: collections cannot be created here.</span>}
        </div>
      </form>
      {create.isError && <ErrorNotice title="The collection was not created" error={create.error} />}
    </section>
  );
}

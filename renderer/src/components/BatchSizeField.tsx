/** The rule the contract enforces for a backfill's batch size, said in words (null = fine). */
export function batchSizeError(batchSize: number): string | null {
  return !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 4096 ? 'A whole number from 1 to 4096.' : null;
}

/** The batch-size input of the Plan tab and the Derive & swap flow. */
export function BatchSizeField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const error = batchSizeError(Number(value));
  return (
    <div className="field field--narrow">
      <label htmlFor={`${id}-batch`}>Batch size</label>
      <input id={`${id}-batch`} type="number" min={1} max={4096} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={`${id}-batch-help`} />
      <p id={`${id}-batch-help`} className={error ? 'field__error' : 'field__help'}>
        {error ?? 'Chunks per transaction. Default 100.'}
      </p>
    </div>
  );
}

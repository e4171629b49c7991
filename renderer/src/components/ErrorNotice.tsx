import { ApiError } from '../api/transport';

/** The engine's own message (it names the problem and the fix), with its code for support. */
export function ErrorNotice({ error, title = 'That did not work', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="notice notice--bad" role="alert" data-testid="error">
      <p className="notice__title">
        <span aria-hidden="true">✗ </span>
        {title}
        {code && <span className="notice__code"> ({code})</span>}
      </p>
      <p className="notice__body">{message}</p>
      {onRetry && (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

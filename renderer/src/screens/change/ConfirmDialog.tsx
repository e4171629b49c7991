import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal confirmation for something that cannot be taken back lightly. Cancel has the focus, so
 * Enter does not confirm by accident; Escape cancels unless the action is under way.
 */
export function ConfirmDialog({
  title,
  confirm,
  busy,
  onConfirm,
  onClose,
  children,
  testId,
}: {
  title: string;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="docdialog confirm"
      aria-labelledby="confirm-h"
      onCancel={(e) => (busy ? e.preventDefault() : onClose())}
      onClose={() => !busy && onClose()}
      data-testid={testId}
    >
      <header className="docdialog__header">
        <h2 id="confirm-h">{title}</h2>
      </header>
      <div className="docdialog__body stack">{children}</div>
      <footer className="docdialog__footer">
        <button type="button" className="btn" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn--danger" onClick={onConfirm} disabled={busy} data-testid="confirm">
          {confirm}
        </button>
      </footer>
    </dialog>
  );
}

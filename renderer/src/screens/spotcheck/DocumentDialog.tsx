import { useEffect, useRef } from 'react';
import type { SpotcheckHit } from '../../../../shared/types';
import { useDocument } from '../../api/queries';
import { QueryView } from '../../components/QueryView';
import { fmtInt } from '../../lib/format';

/** The cited document, with the cited span [start, end) marked and scrolled into view. */
export function DocumentDialog({ collection, hit, onClose }: { collection: string; hit: SpotcheckHit; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mark = useRef<HTMLElement>(null);
  const q = useDocument(collection, hit.document.id);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  useEffect(() => {
    if (q.data) mark.current?.scrollIntoView({ block: 'center' });
  }, [q.data, hit.chunkId]);

  return (
    <dialog ref={dialog} className="docdialog" aria-labelledby="doc-h" onClose={onClose} data-testid="document">
      <header className="docdialog__header">
        <div>
          <h2 id="doc-h">{hit.document.title}</h2>
          <p className="muted">
            doc <span className="mono">{hit.document.id}</span>
            {hit.document.path && <span className="mono"> · {hit.document.path}</span>}
            {q.data && ` · ${q.data.chunks} chunk(s), ${fmtInt(q.data.content.length)} characters`}
            <br />
            Marked: chunk {hit.chunk}, characters {fmtInt(hit.start)}–{fmtInt(hit.end)}
          </p>
        </div>
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Close
        </button>
      </header>
      <div className="docdialog__body">
        <QueryView query={q} what="the document">
          {(doc) => {
            const start = Math.max(0, Math.min(hit.start, doc.content.length));
            const end = Math.max(start, Math.min(hit.end, doc.content.length));
            return (
              <pre className="doctext">
                {doc.content.slice(0, start)}
                <mark ref={mark} data-testid="cited-span">
                  {doc.content.slice(start, end)}
                </mark>
                {doc.content.slice(end)}
              </pre>
            );
          }}
        </QueryView>
      </div>
    </dialog>
  );
}

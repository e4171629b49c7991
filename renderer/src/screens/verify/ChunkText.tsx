import { useState } from 'react';

const SHORT = 240;

/** A chunk's text, cut to a few lines until the reader asks for all of it. */
export function ChunkText({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  if (!text) return <span className="muted">—</span>;
  if (text.length <= SHORT) return <>{text}</>;
  return (
    <>
      {all ? text : `${text.slice(0, SHORT)}…`}
      <button type="button" className="btn btn--small btn--ghost chunktext__more" aria-expanded={all} onClick={() => setAll(!all)}>
        {all ? 'Show less' : `Show all ${text.length.toLocaleString('en-US')} characters`}
      </button>
    </>
  );
}

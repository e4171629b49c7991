import type { SecretsPlan } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { fmtInt } from '../../lib/format';

const EFFECT = { skip: 'withheld: they get no vector', redact: 'embedded with each credential replaced by [REDACTED kind]', allow: 'embedded as they are' } as const;

/** Chunks that look like credentials, located by document, chunk and character offsets; never quoted. */
export function SecretsFound({ secrets }: { secrets: SecretsPlan }) {
  if (!secrets.flagged) {
    return (
      <p className="muted" data-testid="plan-secrets">
        Secrets guard: no chunk to embed looks like a credential.
      </p>
    );
  }
  const kinds = Object.entries(secrets.byKind).map(([k, n]) => `${k} ×${n}`).join(', ');
  return (
    <section aria-labelledby="plan-secrets-h" data-testid="plan-secrets">
      <h3 id="plan-secrets-h">
        Secrets guard <Badge tone={secrets.policy === 'allow' ? 'bad' : 'warn'}>{fmtInt(secrets.flagged)} flagged</Badge>
      </h3>
      <p>
        {fmtInt(secrets.flagged)} chunk(s) look like credentials ({kinds}). With policy <strong>{secrets.policy}</strong> they are {EFFECT[secrets.policy]}. The text is
        never shown here or written to logs; the documents keep it.
      </p>
      <div className="table-wrap table-wrap--scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Chunk</th>
              <th scope="col">Looks like</th>
              <th scope="col">Characters</th>
            </tr>
          </thead>
          <tbody>
            {secrets.chunks.map((c) => (
              <tr key={c.chunkId}>
                <td>
                  {c.document.title || c.document.id} <span className="muted mono">{c.document.id}</span>
                </td>
                <td className="num">{c.chunk}</td>
                <td>{c.kinds.join(', ')}</td>
                <td className="mono">{c.spans.map((s) => `${s.start}–${s.end}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {secrets.flagged > secrets.chunks.length && <p className="muted">…and {fmtInt(secrets.flagged - secrets.chunks.length)} more (the CLI's plan --json has the same list).</p>}
    </section>
  );
}

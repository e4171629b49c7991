import type { CollectionStatus } from '../../../../shared/types';
import { CopyButton } from '../../components/CopyButton';
import { fmtTime, shortFingerprint } from '../../lib/format';

/** The recorded settings: what produced the vectors, and must keep producing them. */
export function SettingsList({ collection }: { collection: CollectionStatus }) {
  const s = collection.settings;
  return (
    <section className="card" aria-labelledby="settings-h">
      <h2 id="settings-h">Settings</h2>
      <dl className="deflist" data-testid="settings">
        <dt>Model</dt>
        <dd>{s.modelId}</dd>
        <dt>Fingerprint</dt>
        <dd className="row-gap">
          <span className="mono" title={s.modelFingerprint} data-testid="fingerprint">
            {shortFingerprint(s.modelFingerprint)}
          </span>
          <CopyButton text={s.modelFingerprint} what="the full model fingerprint" />
        </dd>
        <dt>Dimension</dt>
        <dd className="num-inline">{s.dimension}</dd>
        <dt>Chunk size</dt>
        <dd className="num-inline">{s.chunkSize} tokens</dd>
        <dt>Chunk overlap</dt>
        <dd className="num-inline">{s.chunkOverlap} tokens</dd>
        <dt>Weights (dtype)</dt>
        <dd>{s.modelDtype}</dd>
        <dt>Chunker version</dt>
        <dd className="num-inline">{s.chunkerVersion}</dd>
        <dt>State</dt>
        <dd>{s.state}</dd>
        <dt>Created</dt>
        <dd>{fmtTime(s.createdAt)}</dd>
      </dl>
    </section>
  );
}

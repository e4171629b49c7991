import type { ModelSummary } from '../../../../shared/api';
import type { ModelInfo } from '../../../../shared/models';
import { useCollections, useModels } from '../../api/queries';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { fmtBytes } from '../../lib/format';
import { collectionHref } from '../../lib/route';

/** `models/list` returns name and folder today; the registry's detail (ModelInfo) is shown when a later engine sends it. */
type Model = ModelSummary & Partial<ModelInfo>;

export function ModelsScreen() {
  const q = useModels();
  const collections = useCollections().data ?? [];
  const usedBy = (name: string) => collections.filter((c) => c.settings.modelId === name).map((c) => c.settings.name);
  return (
    <div className="page">
      <header className="page__header">
        <h1 tabIndex={-1}>Models</h1>
        <p className="page__lede">
          Model folders found on the search path (EMBEDOPS_MODELS, then your models folder, then the built-in models). Models load from these
          folders only; nothing is downloaded.
        </p>
      </header>
      <QueryView query={q} what="models">
        {(models) =>
          models.length === 0 ? (
            <EmptyState title="No model folders found.">
              Copy a transformers.js feature-extraction model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) under a folder
              listed in EMBEDOPS_MODELS, or run <code>embedops models import FOLDER</code>.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="models">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Folder</th>
                    <th scope="col">Used by</th>
                  </tr>
                </thead>
                <tbody>
                  {(models as Model[]).map((m) => (
                    <tr key={m.name} data-testid="model-row">
                      <th scope="row">
                        {m.name}
                        {m.source && <span className="muted small"> · {m.source}</span>}
                        {m.declaredDimension != null && <span className="muted small"> · {m.declaredDimension}-d</span>}
                        {m.sizeBytes != null && <span className="muted small"> · {fmtBytes(m.sizeBytes)}</span>}
                        {m.problems && m.problems.length > 0 && (
                          <div>
                            <Badge tone="bad">{m.problems.length} problem(s)</Badge> <span className="small">{m.problems.join(' ')}</span>
                          </div>
                        )}
                      </th>
                      <td className="mono wrap small">{m.dir}</td>
                      <td>
                        {usedBy(m.name).length ? (
                          usedBy(m.name).map((c) => (
                            <a key={c} href={collectionHref(c)} className="tag">
                              {c}
                            </a>
                          ))
                        ) : (
                          <span className="muted">no collection</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </div>
  );
}

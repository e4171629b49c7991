import { EmbedOpsError } from '../../shared/errors';
import type { FlaggedChunk, SecretsPlan, SecretsPolicy } from '../../shared/types';
import type { Db } from '../store/db';
import { countKinds, detectSecrets, kindsText, mergeFindings, redactSecrets, type SecretFinding } from './detect';
import { decodeFindings } from './scan-store';

export const SECRETS_POLICIES = ['skip', 'redact', 'allow'] as const satisfies readonly SecretsPolicy[];
export const DEFAULT_SECRETS_POLICY: SecretsPolicy = 'skip';
/** Flagged chunks listed by location in a plan; the count and kinds cover all of them. */
export const FLAGGED_LISTED = 50;

export function validateSecretsPolicy(p: unknown): SecretsPolicy {
  if (p === undefined) return DEFAULT_SECRETS_POLICY;
  if (typeof p === 'string' && (SECRETS_POLICIES as readonly string[]).includes(p)) return p as SecretsPolicy;
  throw new EmbedOpsError(
    'usage',
    `--secrets must be one of skip, redact, allow (got ${JSON.stringify(p)}). skip (the default) leaves chunks that look like credentials unembedded; ` +
      'redact embeds them with each credential replaced by [REDACTED <kind>]; allow embeds them as they are.',
  );
}

/**
 * What the model is given for a chunk: null = withhold it. The stored findings (`stored`, from the
 * whole document, so they include a credential the chunker cut in two) are merged with a fresh scan
 * of the exact text being sent: this is the last gate before the worker, so a missing or stale scan
 * row cannot let a credential through under skip or redact.
 */
export function embeddingInput(text: string, policy: SecretsPolicy, stored: string | null = null): string | null {
  if (policy === 'allow') return text;
  const findings = mergeFindings(decodeFindings(stored), detectSecrets(text));
  if (!findings.length) return text;
  return policy === 'skip' ? null : redactSecrets(text, findings);
}

/** What a policy does, in the words a plan and a run log use. */
export function policyEffect(policy: SecretsPolicy): string {
  return policy === 'skip'
    ? 'they will be withheld, not embedded (policy skip)'
    : policy === 'redact'
      ? 'they will be embedded with each finding replaced by [REDACTED <kind>] (policy redact)'
      : 'they will be embedded as they are (policy allow)';
}

export function uniqueKinds(f: readonly SecretFinding[]): { kind: SecretFinding['kind'] }[] {
  return [...new Set(f.map((x) => x.kind))].map((kind) => ({ kind }));
}

/** The document title, masked the same way if it looks like a credential itself. */
function safeTitle(title: string): string {
  return detectSecrets(title).length ? redactSecrets(title) : title;
}

/** The plan's secrets section for the flagged chunk ids in its scope: counts, kinds, where (never the text). */
export function secretsPlan(db: Db, collectionId: number, policy: SecretsPolicy, flaggedIds: number[], unscanned: number): SecretsPlan {
  const inScope = new Set(flaggedIds);
  const all: { kind: SecretFinding['kind'] }[] = [];
  let flaggedInCollection = 0;
  for (const r of db.prepare('SELECT s.chunk_id, s.findings FROM chunk_secrets s JOIN document_chunks c ON c.id = s.chunk_id AND c.text_hash = s.text_hash WHERE s.collection_id = ? AND s.count > 0').iterate(collectionId) as Iterable<{
    chunk_id: number;
    findings: string;
  }>) {
    flaggedInCollection++;
    // One per kind per chunk: byKind counts chunks, like `flagged` (a key in two overlapping chunks counts twice).
    if (inScope.has(r.chunk_id)) all.push(...uniqueKinds(decodeFindings(r.findings)));
  }
  const row = db.prepare(
    `SELECT c.id, c.ordinal, c.start_offset, d.external_id, d.title, s.findings
     FROM document_chunks c JOIN documents d ON d.id = c.document_id JOIN chunk_secrets s ON s.chunk_id = c.id WHERE c.id = ?`,
  );
  const chunks: FlaggedChunk[] = flaggedIds.slice(0, FLAGGED_LISTED).map((id) => {
    const r = row.get(id) as { id: number; ordinal: number; start_offset: number; external_id: string; title: string; findings: string };
    const findings = decodeFindings(r.findings);
    return {
      chunkId: r.id,
      document: { id: r.external_id, title: safeTitle(r.title) },
      chunk: r.ordinal,
      kinds: [...new Set(findings.map((f) => f.kind))],
      spans: findings.map((f) => ({ kind: f.kind, start: r.start_offset + f.start, end: r.start_offset + f.end })),
    };
  });
  return { policy, flagged: flaggedIds.length, byKind: countKinds(all) as Record<string, number>, chunks, flaggedInCollection, unscanned };
}

/** The plan's check line: what the policy will do with the flagged chunks. */
export function secretsCheckDetail(s: SecretsPlan): string {
  const unscanned = s.unscanned ? ` ${s.unscanned} chunk(s) could not be scanned ahead (read-only database); a run checks each text before it is embedded.` : '';
  if (!s.flagged) {
    const elsewhere = s.flaggedInCollection ? ` (${s.flaggedInCollection} flagged chunk(s) of the collection are outside this mode's scope)` : '';
    return `no chunk to embed looks like a credential${elsewhere}; policy ${s.policy}.${unscanned}`;
  }
  const change = SECRETS_POLICIES.filter((p) => p !== s.policy).map((p) => `--secrets ${p}`).join(' or ');
  return `${s.flagged} chunk(s) look like credentials (${kindsText(s.byKind)}): ${policyEffect(s.policy)}; ${change} to change.${unscanned}`;
}

import type { CollectionStatus } from '../../../shared/types';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

export interface HealthPart {
  tone: Tone;
  label: string;
}

/** What is wrong with a collection, in words: `complete`, `empty`, or each problem with its count. */
export function healthParts(c: Pick<CollectionStatus, 'counts' | 'health'>): HealthPart[] {
  const { counts } = c;
  if (c.health === 'complete') return [{ tone: 'ok', label: 'complete' }];
  const parts: HealthPart[] = [];
  if (counts.missing > 0) parts.push({ tone: 'bad', label: `missing ${counts.missing.toLocaleString('en-US')}` });
  if (counts.stale > 0) parts.push({ tone: 'warn', label: `stale ${counts.stale.toLocaleString('en-US')}` });
  if (counts.orphaned > 0) parts.push({ tone: 'bad', label: `orphaned ${counts.orphaned.toLocaleString('en-US')}` });
  if (!parts.length) parts.push(c.health === 'empty' || counts.chunks === 0 ? { tone: 'neutral', label: 'empty' } : { tone: 'warn', label: 'incomplete' });
  return parts;
}

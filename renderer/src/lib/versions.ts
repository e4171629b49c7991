import type { AliasInfo, CollectionStatus } from '../../../shared/types';
import type { Tone } from './health';

/** `tenant_42@v3` → `tenant_42` (the alias readers use); a name without a version is its own base. */
export function baseName(name: string): string {
  return name.replace(/@v[0-9]+$/, '');
}

/** `tenant_42@v3` → 3; a plain name → 0 (it becomes @v1 on its first derive). */
export function versionOf(name: string): number {
  const m = /@v([0-9]+)$/.exec(name);
  return m ? Number(m[1]) : 0;
}

/** Every version of one collection, the alias readers use and which version is where in its life. */
export interface Family {
  base: string;
  alias: AliasInfo | null;
  /** Oldest first. */
  versions: CollectionStatus[];
  /** What readers of `base` get: the alias target, or the plain collection itself. */
  live: CollectionStatus | null;
  /** The newest version being built beside the live one (derived, not swapped in yet). */
  candidate: CollectionStatus | null;
  retired: CollectionStatus[];
}

export function familyOf(base: string, collections: CollectionStatus[], aliases: AliasInfo[]): Family {
  const versions = collections.filter((c) => baseName(c.settings.name) === base).sort((a, b) => versionOf(a.settings.name) - versionOf(b.settings.name));
  const alias = aliases.find((a) => a.name === base) ?? null;
  const live = alias ? (versions.find((c) => c.settings.name === alias.target) ?? null) : (versions.find((c) => c.settings.name === base) ?? null);
  const building = versions.filter((c) => c.settings.state === 'building');
  return { base, alias, versions, live, candidate: building.at(-1) ?? null, retired: versions.filter((c) => c.settings.state === 'retired') };
}

export interface VersionState {
  label: string;
  tone: Tone;
  /** One sentence: what this state means for readers. */
  detail: string;
}

/** A version's place in its life, in words: live (an alias serves it), building, retired or active. */
export function versionState(c: CollectionStatus): VersionState {
  if (c.aliases.length) return { label: 'live', tone: 'ok', detail: `readers of ${c.aliases.join(', ')} get this collection` };
  switch (c.settings.state) {
    case 'building':
      return { label: 'building', tone: 'info', detail: 'derived, not serving readers yet: backfill, verify, then swap it in' };
    case 'retired':
      return { label: 'retired', tone: 'neutral', detail: 'no longer served; kept (untouched) until purged, so a swap back is instant' };
    default:
      return { label: 'active', tone: 'neutral', detail: 'readers use it by its own name' };
  }
}

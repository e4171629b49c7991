import type { CollectionStatus } from '../../../../shared/types';
import { VersionBadge } from '../../components/VersionBadge';
import { collectionHref } from '../../lib/route';
import { baseName, versionState } from '../../lib/versions';

/**
 * Where this collection is in its life, under the title: reached through an alias (the page's
 * name is the alias, the data is its target), live, building beside the live one, or retired.
 */
export function VersionNote({ asked, collection }: { asked: string; collection: CollectionStatus }) {
  const name = collection.settings.name;
  const base = baseName(name);
  const state = versionState(collection);
  const viaAlias = asked !== name;
  if (!viaAlias && collection.settings.state === 'active' && !collection.aliases.length) return null;
  return (
    <p className="version-note" data-testid="version-note">
      <VersionBadge collection={collection} testId="version-state" />{' '}
      {viaAlias ? (
        <>
          <strong>{asked}</strong> is an alias: readers of {asked} get <a href={collectionHref(name)}>{name}</a>, shown here.
        </>
      ) : (
        <>
          <strong>{name}</strong>: {state.detail}.
        </>
      )}{' '}
      <a href={collectionHref(viaAlias ? asked : name, 'change')}>Derive & swap for {base} →</a>
    </p>
  );
}

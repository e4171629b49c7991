/** The collection name rule, from shared/names.ts (a zod-free module the renderer may import). The server validates again. */
export { COLLECTION_NAME } from '../../../shared/names';
import { COLLECTION_NAME } from '../../../shared/names';

/** Why a name is not valid, in words a user can act on; null when it is fine. */
export function nameProblem(name: string, existing: readonly string[]): string | null {
  if (!name) return 'Give the collection a name, e.g. tenant_42.';
  if (existing.includes(name)) return `A collection named "${name}" exists already. Pick another name, or a new version such as ${name.replace(/@v\d+$/, '')}@v2.`;
  if (COLLECTION_NAME.test(name)) return null;
  const [base = '', ...rest] = name.split('@');
  if (/[A-Z]/.test(name)) return 'Use lower-case letters only (names never differ by case alone).';
  if (/\s/.test(name)) return 'No spaces: use _ instead.';
  if (base.length > 64) return `At most 64 characters before the version (this has ${base.length}).`;
  if (!base) return 'Start with a letter, digit or _ before the @.';
  if (/[^a-z0-9_]/.test(base)) return `Only a–z, 0–9 and _ are allowed (not "${base.match(/[^a-z0-9_]/)![0]}").`;
  if (rest.length) return 'A version suffix looks like @v2: @v followed by digits, once.';
  return 'Use 1–64 lower-case letters, digits or _, optionally followed by @v2.';
}

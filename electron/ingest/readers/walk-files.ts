/**
 * Expands the scan's path arguments into files in a deterministic order: depth-first, entries sorted
 * by code unit (locale-independent, so every machine agrees), hidden entries skipped. Symbolic links
 * are followed, but each directory and file is visited once, which ends link loops and keeps a file
 * reachable twice (overlapping arguments, a link) from becoming two documents.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { SkippedSource } from '../types';

/** A regular file found by the walk. */
export interface FoundFile {
  /** Absolute path as walked (links not resolved, so it reads like the user's folder). */
  path: string;
  /** Relative POSIX path under the folder argument, or the basename for a file argument. */
  fileKey: string;
  /** Basename. */
  fileName: string;
  /** Size in bytes. */
  size: number;
  /** True when the file was an argument itself rather than found inside a folder. */
  explicit: boolean;
}

/** A file to read, or a path that could not be walked. */
export type WalkItem = { kind: 'file'; file: FoundFile } | { kind: 'skipped'; skip: SkippedSource };

/** Walks every argument in order. Never throws for file-system problems; they become skips. */
export async function* walkFiles(inputs: readonly string[]): AsyncGenerator<WalkItem> {
  const seen = new Map<string, string>(); // device:inode → first path seen
  for (const input of inputs) {
    const abs = resolve(input);
    const info = await statOrSkip(abs, input);
    if ('skip' in info) {
      yield info;
      continue;
    }
    if (info.isDirectory()) {
      yield* walkDir(abs, abs, info, seen);
    } else if (info.isFile()) {
      yield* visitFile(abs, basename(abs), info, seen, true);
    } else {
      yield notRegular(abs);
    }
  }
}

type BigStats = Awaited<ReturnType<typeof statBig>>;

async function* walkDir(dir: string, root: string, dirInfo: BigStats, seen: Map<string, string>): AsyncGenerator<WalkItem> {
  // A folder seen before is a link loop or an overlapping argument; its files were already listed.
  if (firstVisit(dirInfo, dir, seen) !== undefined) return;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch (err) {
    yield { kind: 'skipped', skip: unreadable(dir, err) };
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const full = join(dir, name);
    const info = await statOrSkip(full, full);
    if ('skip' in info) yield info;
    else if (info.isDirectory()) yield* walkDir(full, root, info, seen);
    else if (info.isFile()) yield* visitFile(full, relative(root, full).split(sep).join('/'), info, seen, false);
    else yield notRegular(full);
  }
}

function* visitFile(path: string, fileKey: string, info: BigStats, seen: Map<string, string>, explicit: boolean): Generator<WalkItem> {
  const first = firstVisit(info, path, seen);
  if (first !== undefined) {
    yield {
      kind: 'skipped',
      skip: {
        path,
        reason: 'duplicate-id',
        message: `same file as ${first} (reached again through another argument or a symbolic link); skipped so it is not imported twice`,
      },
    };
    return;
  }
  yield { kind: 'file', file: { path, fileKey, fileName: basename(path), size: Number(info.size), explicit } };
}

/** Records a visit; returns the earlier path when this device:inode was already visited. */
function firstVisit(info: BigStats, path: string, seen: Map<string, string>): string | undefined {
  // Some file systems report inode 0 for everything; identity is unknown there, so never dedupe.
  if (info.ino === 0n) return undefined;
  const key = `${info.dev}:${info.ino}`;
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, path);
  return earlier;
}

// bigint: inode numbers can exceed 2^53 (e.g. NTFS/ReFS file ids) and would collide as doubles.
function statBig(path: string) {
  return stat(path, { bigint: true });
}

async function statOrSkip(path: string, asGiven: string): Promise<BigStats | { kind: 'skipped'; skip: SkippedSource }> {
  try {
    return await statBig(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // stat follows links; a link whose target is gone still exists for lstat.
      const dangling = await lstat(path).then(
        () => true,
        () => false,
      );
      const message = dangling
        ? `broken symbolic link: ${path} points to a missing target; fix or remove the link`
        : `no such file or folder: ${asGiven}; check the path`;
      return { kind: 'skipped', skip: { path, reason: 'unreadable', message } };
    }
    return { kind: 'skipped', skip: unreadable(path, err) };
  }
}

function notRegular(path: string): WalkItem {
  return {
    kind: 'skipped',
    skip: { path, reason: 'unsupported', message: 'not a regular file or folder (device, socket or pipe); leave it out' },
  };
}

/** A skip for a file-system error, with a message per common cause. */
export function unreadable(path: string, err: unknown): SkippedSource {
  const e = err as NodeJS.ErrnoException;
  let message: string;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      message = `permission denied reading ${path}; grant read access (chmod/ownership) or leave it out`;
      break;
    case 'ELOOP':
      message = `symbolic link loop at ${path}; fix or remove the link`;
      break;
    case 'ENOENT':
      message = `${path} disappeared while scanning; scan again once it is in place`;
      break;
    default:
      message = `cannot read ${path}: ${e.code ?? ''} ${e.message ?? String(err)}; check the file and its disk`.replace(/ {2,}/g, ' ');
  }
  return { path, reason: 'unreadable', message };
}

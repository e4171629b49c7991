/**
 * Permission tests run as root in CI, and root ignores file modes. These helpers find a way to make
 * a file really unwritable (or unreadable) for the code under test, or say why not so the test can
 * skip with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

export const NOBODY = { uid: 65534, gid: 65534 };

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Whether user `nobody` can read `file` (a clone under a 0700 folder is out of its reach). */
export function nobodyCanReach(file: string): boolean {
  const r = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(file)})`], { ...NOBODY, stdio: 'ignore' });
  return r.status === 0;
}

export interface ReadOnlyFile {
  /** Run the code under test as this user (when the file was made read-only by its mode). */
  as?: { uid: number; gid: number };
  undo(): void;
}

/**
 * Makes `file` read-only for the code under test: its mode when not root; as root, the immutable
 * attribute (ext4 and friends), else its mode plus running as `nobody`. `reach` is a file the
 * other user must be able to read (the CLI). Returns a reason string when none of these works.
 */
export function makeReadOnly(file: string, reach: string): ReadOnlyFile | string {
  if (!isRoot()) {
    chmodSync(file, 0o444);
    return { undo: () => chmodSync(file, 0o644) };
  }
  if (spawnSync('chattr', ['+i', file], { stdio: 'ignore' }).status === 0) {
    return { undo: () => spawnSync('chattr', ['-i', file], { stdio: 'ignore' }) };
  }
  if (nobodyCanReach(reach)) {
    chmodSync(file, 0o444);
    return { as: NOBODY, undo: () => chmodSync(file, 0o644) };
  }
  return 'running as root on a file system without chattr +i, and user nobody cannot reach this checkout';
}

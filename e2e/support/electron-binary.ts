import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../electron/testing/harness';

/**
 * The Electron binary, or why there is none. Electron ≥ 45 downloads it on first launch, and
 * requiring the package would start that download, so only look for the file.
 */
export function electronBinary(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const p = join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(p) ? { path: p } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${p}` };
  }
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return { reason: 'the Electron binary is not installed here (it cannot be downloaded offline; run `npx electron --version` once with network access, or set ELECTRON_OVERRIDE_DIST_PATH)' };
  const p = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(p) ? { path: p } : { reason: `the Electron binary listed in path.txt is missing: ${p}` };
}

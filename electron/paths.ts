import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The product name Electron derives its user-data folder from (package.json productName). */
export const PRODUCT_NAME = 'EmbedOps Console';

/**
 * The per-user data folder, computed exactly as Electron's app.getPath('userData') does, so the
 * CLI and the desktop app find the same database without either importing the other.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PRODUCT_NAME);
}

/** --db, else EMBEDOPS_DB, else the user-data folder's embedops.sqlite. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMBEDOPS_DB) return resolve(env.EMBEDOPS_DB);
  return join(userDataDir(env), 'embedops.sqlite');
}

/** The package root (holds resources/); this file runs compiled from dist/electron/. */
export function packageRoot(): string {
  return resolve(__dirname, '..', '..');
}

/** Models built into the app: resources/models in a checkout, process.resourcesPath/models when packaged. */
export function builtinModelsDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  // Plain Node has no resourcesPath; under `electron .` in a checkout it points into node_modules.
  if (packaged && !packaged.includes('node_modules')) return join(packaged, 'models');
  return join(packageRoot(), 'resources', 'models');
}

/** Models the user imported (embedops models import). */
export function userModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'models');
}

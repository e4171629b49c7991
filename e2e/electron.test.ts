import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron, type ElectronApplication } from 'playwright-core';
import { ROOT, workspace } from '../electron/testing/harness';
import { walkProcedure } from './flows/procedure';
import { CollectionsPage } from './pages/collections-page';
import { clearScreenshots, screenshot } from './support/browser';
import { electronBinary } from './support/electron-binary';
import { ENGINE_TIMEOUT, UI_TIMEOUT, shooter } from './support/session';

/*
 * The desktop app as built (dist/electron/shell/main.js + dist/renderer): the window opens on the
 * Collections screen, then the same procedure as in the browser, over IPC instead of HTTP. Skipped,
 * with the reason, where there is no Electron binary (it is never downloaded by the tests).
 */

/** Why the desktop window cannot be opened here, or null when it can. */
function cannotRun(): string | null {
  const bin = electronBinary();
  if ('reason' in bin) return bin.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display for the Electron window (run the tests under xvfb-run)';
  return null;
}

test('Electron smoke: the window opens on Collections, then the procedure runs through the desktop app', { timeout: 180_000 }, async (t) => {
  const reason = cannotRun();
  if (reason) {
    t.skip(reason);
    return;
  }
  const bin = electronBinary() as { path: string };
  clearScreenshots('electron');
  const ws = workspace();
  // A fresh profile: userData (and so the database) under a temp XDG_CONFIG_HOME / HOME.
  const home = join(ws.dir, 'home');
  mkdirSync(home, { recursive: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...ws.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') })) if (v !== undefined) env[k] = v;
  delete env.ELECTRON_RUN_AS_NODE;

  let app: ElectronApplication | null = null;
  const pageErrors: string[] = [];
  try {
    // Chromium refuses to run as root (CI) with its sandbox on.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', ROOT] : [ROOT];
    app = await _electron.launch({ executablePath: bin.path, args, env, timeout: ENGINE_TIMEOUT });
    const page = await app.firstWindow({ timeout: ENGINE_TIMEOUT });
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const collections = new CollectionsPage(page);
    await collections.waitForLoad();
    assert.equal(await page.title(), 'EmbedOps Console');
    assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()), 'EmbedOps Console');
    assert.match((await page.getByTestId('db-path').textContent()) ?? '', new RegExp(`^${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'the database is in the fresh profile');
    try {
      await walkProcedure({ page, dir: ws.dir, shot: shooter(page, 'electron', { resize: false }), diagnostic: (m) => t.diagnostic(m), upload: false });
    } catch (err) {
      await screenshot(page, 'electron-failed').catch(() => undefined);
      throw err;
    }
    assert.deepEqual(pageErrors, [], 'the page threw');
  } finally {
    if (app) {
      const proc = app.process();
      await app.close();
      assert.ok(proc.exitCode === 0 || proc.exitCode === null, `Electron exited ${proc.exitCode}`);
    }
  }
});

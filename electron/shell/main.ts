/**
 * The Electron shell: a window, the preload bridge, IPC wiring and the app lifecycle. No business
 * logic lives here; the engine is the same one the CLI and serve mode use.
 */
import { app, BrowserWindow, dialog, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { embeddingHost } from '../embedding/host';
import { type Engine, openEngine } from '../engine';
import type { HandlerContext } from '../handlers/types';
import { JobManager } from '../jobs/manager';
import { wireIpc } from './ipc';
import { APP_ORIGIN, registerScheme, serveRenderer } from './protocol';

const RENDERER = join(__dirname, '..', '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.js');

registerScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let engine: Engine | null = null;
let jobs: JobManager | null = null;
let unwire: (() => void) | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'EmbedOps Console',
    show: false,
    webPreferences: { preload: PRELOAD, contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, spellcheck: false },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** No navigation away from the app, no new windows, no webviews: links to the web open in the user's browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

void app.whenReady().then(() => {
  // The same file the CLI uses by default: userData/embedops.sqlite (see electron/paths.ts).
  engine = openEngine({ dbPath: join(app.getPath('userData'), 'embedops.sqlite') });
  jobs = new JobManager(engine);
  const ctx: HandlerContext = {
    engine,
    jobs,
    readOnly: engine.readonly,
    uploadsDir: join(app.getPath('temp'), 'embedops-uploads'),
    choosePaths: async (kind) => {
      const win = BrowserWindow.getFocusedWindow();
      const opts = { properties: kind === 'folder' ? (['openDirectory'] as const) : (['openFile', 'multiSelections'] as const) };
      const r = win ? await dialog.showOpenDialog(win, { properties: [...opts.properties] }) : await dialog.showOpenDialog({ properties: [...opts.properties] });
      return r.canceled ? [] : r.filePaths;
    },
  };
  serveRenderer(RENDERER);
  unwire = wireIpc(ctx, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Stop cleanly: live runs stop after their batch in flight (resumable), then the worker and the database.
let stopping = false;
app.on('before-quit', (event) => {
  if (stopping || !jobs || !engine) return;
  event.preventDefault();
  stopping = true;
  void (async () => {
    for (const id of jobs.liveRuns()) jobs.cancel(id);
    await jobs.settle();
    unwire?.();
    await embeddingHost().stop();
    engine.close();
    app.quit();
  })();
});

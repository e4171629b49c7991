import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { workspace } from '../../electron/testing/harness';
import { clearScreenshots, launchBrowser, screenshot } from './browser';
import { startServe, type ServeProcess } from './serve-process';

export type Workspace = ReturnType<typeof workspace>;

/** The size every screen is checked at; `wide` is the large-monitor check of a few screens. */
export const VIEWPORT = { width: 1280, height: 800 };
export const WIDE = { width: 1920, height: 1080 };

/** Waits on things the user waits for (a page, a button) vs. on the engine (a model load, a run). */
export const UI_TIMEOUT = 15_000;
export const ENGINE_TIMEOUT = 60_000;

/** One test's console: its own database and models, its own server, a fresh browser context. */
export interface ConsoleSession {
  ws: Workspace;
  /** The server now running (a new one after `restart`). */
  serve: ServeProcess;
  page: Page;
  context: BrowserContext;
  /** The console's address for a hash route (`#/c/docs/plan`). */
  url(hash?: string): string;
  /** Opens a hash route as a first page load (or a reload). */
  open(hash?: string): Promise<void>;
  /** Stops the server (it must exit 0) and starts a new one on the same database: a new process, nothing in memory. */
  restart(): Promise<void>;
  /**
   * Saves `<prefix>-<name>.png` of what the window shows: with `size`, at that viewport (then back
   * to the standard one); with `focus`, scrolled so that element is in view first.
   */
  shot(name: string, opts?: ShotOptions): Promise<string>;
}

export interface ShotOptions {
  size?: { width: number; height: number };
  focus?: Locator;
}

export interface SessionOptions {
  /** Runs before the server starts (CLI setup against the same database). */
  setup?: (ws: Workspace) => Promise<void>;
}

/**
 * Runs `body` against a fresh workspace, `embedops serve` and browser context, then stops the
 * server and checks it exited 0 and the page threw nothing. Skips the test when there is no
 * Chromium. A failing test still leaves a screenshot of where it stopped (`<prefix>-failed`).
 */
export async function withConsole(t: TestContext, prefix: string, body: (s: ConsoleSession) => Promise<void>, opts: SessionOptions = {}): Promise<void> {
  const launched = await launchBrowser();
  if (typeof launched === 'string') {
    t.skip(launched);
    return;
  }
  const browser: Browser = launched;
  clearScreenshots(prefix);
  let serve: ServeProcess | null = null;
  let context: BrowserContext | null = null;
  const pageErrors: string[] = [];
  let failed = true;
  try {
    const ws = workspace();
    await opts.setup?.(ws);
    serve = await startServe(ws.env);
    context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
    context.setDefaultTimeout(UI_TIMEOUT);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const s: ConsoleSession = {
      ws,
      serve,
      page,
      context,
      url: (hash = '#/') => serve!.url + hash,
      open: async (hash = '#/') => {
        await page.goto(serve!.url + hash);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
      },
      restart: async () => {
        const old = serve!;
        serve = null;
        const code = await old.stop();
        assert.equal(code, 0, `embedops serve exited ${code}:\n${old.output()}`);
        serve = s.serve = await startServe(ws.env);
      },
      shot: shooter(page, prefix),
    };
    try {
      await body(s);
      failed = false;
    } catch (err) {
      await screenshot(page, `${prefix}-failed`).catch(() => undefined);
      throw err;
    }
  } finally {
    await context?.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    const code = serve ? await serve.stop() : 0;
    // Only a test that otherwise passed reports these: a failure's own error matters more.
    if (!failed) {
      assert.equal(code, 0, `embedops serve exited ${code}:\n${serve?.output()}`);
      assert.deepEqual(pageErrors, [], 'the page threw');
    }
  }
}

/**
 * Screenshots named `<prefix>-<name>.png` (see ConsoleSession.shot). `resize: false` ignores the
 * size asked for (the Electron window keeps its own, 1280×800, and has no viewport to restore).
 */
export function shooter(page: Page, prefix: string, { resize = true } = {}): (name: string, opts?: ShotOptions) => Promise<string> {
  return async (name, { size: asked, focus } = {}) => {
    const size = resize ? asked : undefined;
    if (size) await page.setViewportSize(size);
    await focus?.scrollIntoViewIfNeeded();
    try {
      return await screenshot(page, `${prefix}-${name}`);
    } finally {
      if (size) await page.setViewportSize(VIEWPORT);
    }
  };
}

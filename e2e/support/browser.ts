import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../electron/testing/harness';

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** The browser, or the reason it cannot run here (tests skip with it). */
export async function launchBrowser(): Promise<Browser | string> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}: apt-get install -y chromium (CI does), or set CHROMIUM_PATH`;
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Saves a screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Removes one test's screenshots of an earlier run, so none is mistaken for this run's (a stale `-failed` one). */
export function clearScreenshots(prefix: string): void {
  if (!existsSync(SCREENSHOTS)) return;
  for (const f of readdirSync(SCREENSHOTS)) if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) rmSync(join(SCREENSHOTS, f));
}

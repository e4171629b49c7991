import type { Locator, Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { numberIn } from './read';

/** Documents, chunks and vectors of one collection as a screen shows them. */
export interface ShownCounts {
  documents: number;
  chunks: number;
  vectors: number;
}

/** `#/backups`: the list, "Back up now", the restore confirmation and the results of both. */
export class BackupsPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Backups' });
  }
  get empty() {
    return this.page.getByTestId('empty');
  }
  get backupNow() {
    return this.page.getByTestId('backup-now');
  }
  get backups() {
    return this.page.getByTestId('backup');
  }
  get backupResult() {
    return this.page.getByTestId('backup-result');
  }
  get restoreResult() {
    return this.page.getByTestId('restore-result');
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }
  get confirm() {
    return this.dialog.getByTestId('confirm-restore');
  }
  get cancel() {
    return this.dialog.getByRole('button', { name: 'Cancel' });
  }
  get dialogError() {
    return this.dialog.getByTestId('error');
  }
  get blocked() {
    return this.dialog.getByTestId('restore-blocked');
  }

  /** Opens the page from the sidebar, as a user does (the app is already loaded). */
  async openFromSidebar(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await this.heading.waitFor();
  }

  /** Waits until the list (or its empty state) is on screen. */
  async waitForList(): Promise<void> {
    await this.page.locator('[data-testid="backups-table"], [data-testid="empty"]').first().waitFor();
  }

  /** The backup (its group of rows) whose file name contains `text`. */
  backup(text: string) {
    return this.backups.filter({ has: this.page.getByText(text) });
  }

  /** Clicks "Back up now" and waits for what it wrote. */
  async backUpNow(): Promise<string> {
    await this.backupNow.click();
    await this.backupResult.waitFor({ timeout: ENGINE_TIMEOUT });
    return ((await this.backupResult.getByTestId('backup-file').textContent()) ?? '').trim();
  }

  /** One collection's counts in a backup's rows of the list. */
  async listed(backup: Locator, collection: string): Promise<ShownCounts> {
    const row = backup.locator(`[data-testid="backup-collection"][data-collection="${collection}"]`);
    return { documents: await numberIn(row.getByTestId('backup-documents')), chunks: await numberIn(row.getByTestId('backup-chunks')), vectors: await numberIn(row.getByTestId('backup-vectors')) };
  }

  /** One collection's big numbers in a result (of "Back up now" or of a restore). */
  async resultCounts(result: Locator, collection: string): Promise<ShownCounts> {
    const one = result.locator(`[data-testid="result-collection"][data-collection="${collection}"]`);
    return { documents: await numberIn(one.getByTestId('result-documents')), chunks: await numberIn(one.getByTestId('result-chunks')), vectors: await numberIn(one.getByTestId('result-vectors')) };
  }

  /** Opens the restore confirmation of a backup. */
  async openRestore(backup: Locator): Promise<void> {
    await backup.getByTestId('restore').click();
    await this.dialog.waitFor();
  }

  /** The counts a restore will bring back for one collection, as the confirmation states them. */
  async comingBack(collection: string): Promise<ShownCounts> {
    const row = this.dialog.locator(`[data-testid="restore-row"][data-collection="${collection}"]`);
    return { documents: await numberIn(row.getByTestId('after-documents')), chunks: await numberIn(row.getByTestId('after-chunks')), vectors: await numberIn(row.getByTestId('after-vectors')) };
  }
}

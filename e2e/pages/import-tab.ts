import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { numberIn } from './read';

/** The page's document, in functions that run in the page (the tests compile without the DOM library). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Step 1, `#/c/<name>/import`: the upload picker, the server-path form and the last import's report. */
export class ImportTab {
  constructor(readonly page: Page) {}

  get serverPaths() {
    return this.page.getByRole('textbox', { name: 'Files or folders, one per line' });
  }
  get importPaths() {
    return this.page.getByRole('button', { name: /^Import (path|\d+ paths)$/ });
  }
  get fileInput() {
    return this.page.getByTestId('file-input');
  }
  get selectedFiles() {
    return this.page.getByTestId('selected-files');
  }
  get upload() {
    return this.page.getByTestId('upload');
  }
  get report() {
    return this.page.getByTestId('import-report');
  }
  get skipped() {
    return this.page.getByTestId('skipped');
  }

  /** The run number the report on screen belongs to, or null before any import. */
  async reportRunId(): Promise<number | null> {
    if (!(await this.report.isVisible())) return null;
    return numberIn(this.report.getByRole('link', { name: /^run #\d+$/ }));
  }

  /** Waits for the report of an import newer than `previous`. */
  async waitForNewReport(previous: number | null): Promise<number> {
    await this.page.waitForFunction(
      (prev) => {
        const link = document.querySelector('[data-testid="import-report"] h2 a');
        const id = link ? Number(/\d+/.exec(link.textContent ?? '')?.[0]) : NaN;
        return Number.isFinite(id) && (prev === null || id > prev);
      },
      previous,
      { timeout: ENGINE_TIMEOUT },
    );
    return (await this.reportRunId())!;
  }

  /** Imports paths on the server's machine through the typed-path form. */
  async importServerPaths(paths: string[]): Promise<number> {
    const before = await this.reportRunId();
    await this.serverPaths.fill(paths.join('\n'));
    await this.importPaths.click();
    return this.waitForNewReport(before);
  }

  /** Picks files in the upload picker (as the file dialog would) and imports them. */
  async uploadFiles(files: string[]): Promise<number> {
    const before = await this.reportRunId();
    await this.fileInput.setInputFiles(files);
    await this.selectedFiles.getByRole('row').nth(files.length).waitFor();
    await this.upload.click();
    return this.waitForNewReport(before);
  }

  /** A number of the report: docs-added, docs-updated, docs-unchanged, chunks-added, chunks-changed, chunks-removed. */
  reportNumber(testId: 'docs-added' | 'docs-updated' | 'docs-unchanged' | 'chunks-added' | 'chunks-changed' | 'chunks-removed'): Promise<number> {
    return numberIn(this.report.getByTestId(testId));
  }
}

import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';

/** Step 4, `#/c/<name>/spotcheck`: queries, cited hits, and a cited document with its span marked. */
export class SpotcheckTab {
  constructor(readonly page: Page) {}

  get k() {
    return this.page.getByRole('spinbutton', { name: 'Results per query (k)' });
  }
  get runButton() {
    return this.page.getByTestId('run-spotcheck');
  }
  get results() {
    return this.page.getByTestId('spotcheck-results');
  }
  get queryResults() {
    return this.page.getByTestId('query-result');
  }
  get citations() {
    return this.page.getByTestId('citation');
  }
  get warnings() {
    return this.page.getByTestId('spotcheck-warnings');
  }
  get document() {
    return this.page.getByRole('dialog');
  }
  get citedSpan() {
    return this.document.getByTestId('cited-span');
  }

  query(n: number) {
    return this.page.getByRole('textbox', { name: `Query ${n}` });
  }

  /** Types the queries into the first fields and runs the spot-check; waits for the results. */
  async run(queries: string[], k = 5): Promise<void> {
    for (const [i, q] of queries.entries()) await this.query(i + 1).fill(q);
    await this.k.fill(String(k));
    await this.runButton.click();
    await this.queryResults.first().waitFor({ timeout: ENGINE_TIMEOUT });
    await this.runButton.filter({ hasText: /^Run spot-check/ }).waitFor({ timeout: ENGINE_TIMEOUT });
  }

  /** The snippet a citation quotes (“…”, at the end of its text). */
  async snippetOf(index: number): Promise<string> {
    const text = (await this.citations.nth(index).textContent()) ?? '';
    const m = /“([\s\S]*)”\s*$/.exec(text);
    if (!m) throw new Error(`no quoted snippet in citation: ${text}`);
    return m[1]!;
  }

  /** Opens a citation (by its place on the page) and waits for its document to load. */
  async openCitation(index: number): Promise<void> {
    await this.citations.nth(index).click();
    await this.citedSpan.waitFor({ timeout: ENGINE_TIMEOUT });
  }

  async closeDocument(): Promise<void> {
    await this.document.getByRole('button', { name: 'Close' }).click();
    await this.document.waitFor({ state: 'hidden' });
  }
}

import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { numberIn, wordIn } from './read';

export type VerifyCountName = 'documents' | 'chunks' | 'vectors' | 'missing' | 'stale' | 'orphaned' | 'wrongDimension' | 'badVectors';

/** Step 3, `#/c/<name>/verify`: Verify, the verdict, and every count with its SQL. */
export class VerifyTab {
  constructor(readonly page: Page) {}

  get verifyButton() {
    return this.page.getByTestId('verify');
  }
  get report() {
    return this.page.getByTestId('verify-report');
  }
  get verdict() {
    return this.page.getByTestId('verify-status');
  }
  get counts() {
    return this.page.getByTestId('verify-counts');
  }
  get discrepancies() {
    return this.page.getByTestId('discrepancies');
  }

  /** Runs a verification and waits for its verdict. */
  async verify(): Promise<string> {
    await this.verifyButton.click();
    await this.verdict.waitFor({ timeout: ENGINE_TIMEOUT });
    await this.verifyButton.filter({ hasText: 'Verify again' }).waitFor({ timeout: ENGINE_TIMEOUT });
    return this.status();
  }

  /** PASS or FAIL. */
  status(): Promise<string> {
    return wordIn(this.verdict);
  }

  count(name: VerifyCountName) {
    return this.page.getByTestId(`verify-count-${name}`);
  }

  countValue(name: VerifyCountName): Promise<number> {
    return numberIn(this.count(name));
  }

  /** The SQL printed under a count, as shown (and copied) for re-running by hand. */
  async countSql(name: VerifyCountName): Promise<string> {
    return ((await this.count(name).getByLabel(`SQL for ${name}`, { exact: true }).textContent()) ?? '').trim();
  }

  /** The names of the counts on screen, in order. */
  async countNames(): Promise<VerifyCountName[]> {
    const ids = await this.counts.locator('[data-testid^="verify-count-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('verify-count-', '') as VerifyCountName);
  }
}

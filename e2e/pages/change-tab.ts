import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { numberIn, wordIn } from './read';

export type ChangeStep = 'settings' | 'derive' | 'backfill' | 'verify' | 'compare' | 'swap';

/** `#/c/<name>/change`: the versions of a collection and the Derive & swap steps. */
export class ChangeTab {
  constructor(readonly page: Page) {}

  get versions() {
    return this.page.getByTestId('versions');
  }
  get steps() {
    return this.page.getByTestId('steps');
  }
  get form() {
    return this.page.getByTestId('derive-form');
  }
  get chunkSize() {
    return this.form.getByRole('spinbutton', { name: 'Chunk size (tokens)' });
  }
  get chunkOverlap() {
    return this.form.getByRole('spinbutton', { name: 'Chunk overlap (tokens)' });
  }
  get model() {
    return this.form.getByRole('combobox', { name: 'Model' });
  }
  get changes() {
    return this.page.getByTestId('derive-changes');
  }
  get gate() {
    return this.page.getByTestId('swap-gate');
  }
  get comparison() {
    return this.page.getByTestId('comparison');
  }
  get comparedQueries() {
    return this.comparison.getByTestId('compared-query');
  }
  get swapButton() {
    return this.page.getByTestId('swap');
  }
  get swapWhy() {
    return this.page.getByTestId('swap-why');
  }
  get swapped() {
    return this.page.getByTestId('swapped');
  }
  get serving() {
    return this.swapped.getByTestId('serving');
  }
  get swapBack() {
    return this.page.getByTestId('swap-back');
  }
  get dialog() {
    return this.page.getByRole('dialog');
  }

  step(key: ChangeStep) {
    return this.page.getByTestId(`step-${key}`);
  }

  /** The step the flow says it is at (read from the database, so it survives a reload). */
  async current(): Promise<ChangeStep> {
    return (await this.steps.getAttribute('data-current')) as ChangeStep;
  }

  async waitForStep(key: ChangeStep, timeout = ENGINE_TIMEOUT): Promise<void> {
    await this.page.locator(`[data-testid="steps"][data-current="${key}"]`).waitFor({ timeout });
  }

  /** Opens a step that is not the current one ("Look ahead" / "Show"). */
  async open(key: ChangeStep): Promise<void> {
    const toggle = this.step(key).getByRole('button', { name: /^(Look ahead|Show)$/ });
    if (await toggle.count()) await toggle.click();
  }

  /** The version rows: name and state word (live, building, retired, active). */
  async versionStates(): Promise<Record<string, string>> {
    const rows = this.versions.getByTestId('version-row');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) out[((await rows.nth(i).getByRole('rowheader').textContent()) ?? '').trim()] = (await rows.nth(i).getAttribute('data-state')) ?? '';
    return out;
  }

  /** Types the saved queries into the editor and saves them. */
  async saveQueries(queries: string[]): Promise<void> {
    const editor = this.page.getByTestId('query-set');
    for (const [i, q] of queries.entries()) {
      const box = editor.getByRole('textbox', { name: `Saved query ${i + 1}` });
      if (!(await box.count())) await editor.getByRole('button', { name: 'Add a query' }).click();
      await box.fill(q);
    }
    await editor.getByTestId('save-queries').click();
    await editor.getByTestId('save-queries').filter({ hasText: /^Saved$/ }).waitFor({ timeout: ENGINE_TIMEOUT });
  }

  async derive(): Promise<void> {
    await this.page.getByTestId('derive').click();
    await this.waitForStep('backfill');
  }

  /** Runs swap/preview and waits for a gate (a new one when one is on screen). */
  async compare(): Promise<void> {
    const button = this.page.getByTestId('compare');
    await button.click();
    await button.filter({ hasText: /^Compare/ }).waitFor({ timeout: ENGINE_TIMEOUT });
    await this.gate.waitFor({ timeout: ENGINE_TIMEOUT });
  }

  /** Plans and starts the backfill of the new version from step 3; waits until the flow moves to Verify. */
  async backfill(): Promise<void> {
    await this.page.getByTestId('derive-plan').click();
    await this.page.getByTestId('plan-ready').waitFor({ timeout: ENGINE_TIMEOUT });
    await this.page.getByTestId('derive-start').click();
    await this.waitForStep('verify');
  }

  /** Verifies the new version from step 4; PASS moves the flow to Compare (and folds step 4 to its summary line). */
  async verify(): Promise<string> {
    await this.page.getByTestId('derive-verify').click();
    await this.page.locator('[data-testid="step-verify"][data-state="done"], [data-testid="derive-verify-status"]').first().waitFor({ timeout: ENGINE_TIMEOUT });
    await this.step('verify').locator('.step__summary').filter({ hasText: /^(PASS|FAIL)/ }).waitFor({ timeout: ENGINE_TIMEOUT });
    return wordIn(this.step('verify').locator('.step__summary'));
  }

  meanOverlap(): Promise<number> {
    return numberIn(this.page.getByTestId('mean-overlap'));
  }
}

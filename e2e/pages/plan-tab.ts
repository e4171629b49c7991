import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { descriptionOf, numberIn, wordIn } from './read';

/** The page's document, in functions that run in the page (the tests compile without the DOM library). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Mode = 'missing' | 'stale' | 'rebuild';

export interface PlanCheck {
  ok: boolean;
  name: string;
  detail: string;
}

/** Step 2, `#/c/<name>/plan`: mode and batch size, the plan preview with its checks, and Start. */
export class PlanTab {
  constructor(readonly page: Page) {}

  get batchSize() {
    return this.page.getByRole('spinbutton', { name: 'Batch size' });
  }
  get planButton() {
    return this.page.getByTestId('plan');
  }
  get preview() {
    return this.page.getByTestId('plan-preview');
  }
  get ready() {
    return this.page.getByTestId('plan-ready');
  }
  get summary() {
    return this.page.getByTestId('plan-summary');
  }
  get checkItems() {
    return this.page.getByTestId('plan-checks').getByRole('listitem');
  }
  get start() {
    return this.page.getByTestId('start');
  }

  mode(mode: Mode) {
    return this.page.getByRole('radio', { name: new RegExp(`^${mode}\\b`, 'i') });
  }

  /** The number of the plan on screen, or null before any plan. */
  async planId(): Promise<number | null> {
    if (!(await this.preview.isVisible())) return null;
    return numberIn(this.preview.getByRole('heading', { level: 2 }));
  }

  /** Chooses the settings, plans, and waits for a new preview of exactly those settings. */
  async makePlan(mode: Mode, batchSize: number): Promise<void> {
    const before = await this.planId();
    await this.mode(mode).check();
    await this.batchSize.fill(String(batchSize));
    await this.planButton.click();
    // Planning loads the model and measures its speed on this collection's chunks.
    await this.page.waitForFunction(
      ({ before, mode, batchSize }) => {
        const h = document.querySelector('[data-testid="plan-preview"] h2')?.textContent ?? '';
        const m = /^Plan #(\d+): (\w+), batches of (\d+)/.exec(h);
        return !!m && (before === null || Number(m[1]) > before) && m[2] === mode && Number(m[3]) === batchSize && !h.includes('outdated');
      },
      { before, mode, batchSize },
      { timeout: ENGINE_TIMEOUT },
    );
  }

  /** "ready" or "not ready". */
  readiness(): Promise<string> {
    return wordIn(this.ready);
  }

  /** Every check of the plan on screen, in order: its badge (pass or fail), name and detail. */
  async checks(): Promise<PlanCheck[]> {
    const rows = await this.checkItems.evaluateAll((items) => items.map((li) => Array.from(li.children, (el: { textContent: string | null }) => (el.textContent ?? '').trim())));
    return rows.map(([badge = '', name = '', detail = '']) => ({ ok: /pass$/.test(badge), name, detail }));
  }

  async check(name: string): Promise<PlanCheck | undefined> {
    return (await this.checks()).find((c) => c.name === name);
  }

  /** How many chunks the plan would embed ("Will embed N of M chunks"). */
  toEmbed(): Promise<number> {
    return numberIn(this.summary);
  }

  /** Why Start is off (or what it will run), as read with the button. */
  startNote(): Promise<string> {
    return descriptionOf(this.start);
  }
}

import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { wordIn } from './read';

/** The page's document, in functions that run in the page (the tests compile without the DOM library). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RunStatus = 'queued' | 'running' | 'paused' | 'interrupted' | 'cancelled' | 'failed' | 'completed';

/** `#/runs/<id>`: the run monitor (status, progress bar, controls, log, settings). */
export class RunPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: /^Run #\d+/ });
  }
  get status() {
    return this.page.getByTestId('run-status');
  }
  get progress() {
    return this.page.getByRole('progressbar');
  }
  get phase() {
    return this.page.getByTestId('run-phase');
  }
  get cancel() {
    return this.page.getByTestId('cancel');
  }
  get pause() {
    return this.page.getByTestId('pause');
  }
  get resume() {
    return this.page.getByTestId('resume');
  }
  get nextVerify() {
    return this.page.getByRole('link', { name: /^Next: verify / });
  }
  get log() {
    return this.page.getByTestId('run-log');
  }

  /** The run id from the address (`#/runs/12`). */
  runId(): number {
    const m = /#\/runs\/(\d+)/.exec(this.page.url());
    if (!m) throw new Error(`not on a run page: ${this.page.url()}`);
    return Number(m[1]);
  }

  async waitForLoad(): Promise<void> {
    await this.heading.waitFor({ timeout: ENGINE_TIMEOUT });
  }

  statusWord(): Promise<string> {
    return wordIn(this.status);
  }

  async waitForStatus(status: RunStatus, timeout = ENGINE_TIMEOUT): Promise<void> {
    await this.status.filter({ hasText: new RegExp(`${status}$`) }).waitFor({ timeout });
  }

  /** Chunks done, as the progress bar tells assistive technology. */
  async done(): Promise<number> {
    return Number(await this.progress.getAttribute('aria-valuenow'));
  }

  async total(): Promise<number> {
    return Number(await this.progress.getAttribute('aria-valuemax'));
  }

  /** "1,094 / 5,400 chunks" as numbers, as the page prints them. */
  async doneText(): Promise<{ done: number; total: number }> {
    const text = (await this.page.getByTestId('run-done').textContent()) ?? '';
    const [done, total] = (text.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
    return { done: done ?? NaN, total: total ?? NaN };
  }

  /**
   * Records every status and done count the monitor shows from now on (a MutationObserver in the
   * page), so a test can see a value that was on screen only for a moment.
   */
  async watchStatusAndDone(): Promise<{ stop: () => Promise<{ status: string; done: number }[]> }> {
    await this.page.evaluate(() => {
      const w = globalThis as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const read = () => ({
        status: (document.querySelector('[data-testid="run-status"]')?.textContent ?? '').replace(/^[^a-z]+/i, '').trim(),
        done: Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')),
      });
      w.__seen = [read()];
      w.__observer = new w.MutationObserver(() => {
        const v = read();
        const last = w.__seen[w.__seen.length - 1];
        if (v.status !== last.status || v.done !== last.done) w.__seen.push(v);
      });
      w.__observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return {
      stop: () =>
        this.page.evaluate(() => {
          const w = globalThis as any; // eslint-disable-line @typescript-eslint/no-explicit-any
          w.__observer.disconnect();
          return w.__seen as { status: string; done: number }[];
        }),
    };
  }

  /** Waits until the progress bar passes `value` (progress events arrive a few times a second). */
  async waitForDoneAbove(value: number, timeout = ENGINE_TIMEOUT): Promise<number> {
    await this.page.waitForFunction((v) => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) > v, value, { timeout });
    return this.done();
  }
}

import type { Page } from 'playwright-core';

/** `#/history`, or a collection's History tab: every run with its command. */
export class HistoryPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'History' });
  }
  get table() {
    return this.page.getByTestId('history');
  }
  get rows() {
    return this.page.getByTestId('history-row');
  }
  get filter() {
    return this.page.getByRole('combobox', { name: 'Collection' });
  }

  /** The run's group of rows (its link is named "Run N"). */
  run(id: number) {
    return this.rows.filter({ has: this.page.getByRole('link', { name: `Run ${id}`, exact: true }) });
  }

  /** The rows of one kind of run (import, backfill, verify, spotcheck). */
  ofKind(kind: string) {
    return this.rows.filter({ has: this.page.getByRole('cell', { name: new RegExp(`^${kind}\\b`) }) });
  }

  /** The command that repeats a run, as printed. */
  async command(id: number): Promise<string> {
    return ((await this.run(id).getByRole('code').textContent()) ?? '').trim();
  }
}

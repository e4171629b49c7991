import type { Page } from 'playwright-core';
import { escapeRe, numberIn } from './read';

/** The collection tabs (renderer/src/lib/route.ts COLLECTION_TABS; the renderer is not compiled with the tests). */
export type CollectionTab = 'overview' | 'import' | 'plan' | 'verify' | 'spotcheck' | 'change' | 'history';

export type CountName = 'documents' | 'chunks' | 'vectors' | 'missing' | 'stale' | 'orphaned';

/** `#/c/<name>`: the header, DONE checklist and tabs every step shares, and the Overview tab. */
export class CollectionPage {
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(`Collection ${escapeRe(this.name)}$`) });
  }
  get checklist() {
    return this.page.getByTestId('done-checklist');
  }
  get checklistOverall() {
    return this.page.getByTestId('done-overall');
  }

  tab(tab: CollectionTab) {
    return this.page.getByTestId(`tab-${tab}`);
  }

  /** Clicks a tab and waits until it is the current one. */
  async goTo(tab: CollectionTab): Promise<void> {
    await this.tab(tab).click();
    await this.page.locator(`[data-testid="tab-${tab}"][aria-current="page"]`).waitFor();
  }

  async waitForLoad(): Promise<void> {
    await this.heading.waitFor();
  }

  /** One of the Overview tab's big numbers. */
  count(name: CountName): Promise<number> {
    return numberIn(this.page.getByTestId(`count-${name}`));
  }

  check(key: 'backfill' | 'verify' | 'spotcheck') {
    return this.page.getByTestId(`check-${key}`);
  }
}

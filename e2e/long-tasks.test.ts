import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { cli, writeCorpus } from '../electron/testing/harness';
import { ChangeTab } from './pages/change-tab';
import { CollectionPage } from './pages/collection-page';
import { ImportTab } from './pages/import-tab';
import { ENGINE_TIMEOUT, withConsole } from './support/session';

/*
 * An import and a derive answer only when they are done; on a big corpus that is seconds to
 * minutes. Meanwhile the console shows how far they got, from their task/progress events, as the
 * CLI does on its progress line.
 */

/** The page's document, in functions that run in the page (the tests compile without the DOM library). */
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const NAME = 'bulk';

/**
 * The progress line as first shown, read in the page in one go: on a fast machine the task may
 * finish, and the line go, between two reads from the test.
 */
async function progressShown(page: Page): Promise<{ text: string; documents: number; total: number | null }> {
  const handle = await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="task-progress"]');
      if (!el) return null;
      const bar = el.querySelector('[role="progressbar"]');
      return {
        text: el.textContent as string,
        documents: Number((el.querySelector('strong')?.textContent ?? '').replace(/,/g, '')),
        total: bar ? Number(bar.getAttribute('aria-valuemax')) : null,
      };
    },
    undefined,
    { timeout: ENGINE_TIMEOUT, polling: 20 },
  );
  return (await handle.jsonValue()) as { text: string; documents: number; total: number | null };
}

const DOCUMENTS = 20_000;

test('a long import and a long derive show their progress while they run', { timeout: 240_000 }, (t) =>
  withConsole(
    t,
    'long',
    async (s) => {
      const { page } = s;
      const c = new CollectionPage(page, NAME);
      await s.open(`#/c/${NAME}/import`);
      await c.waitForLoad();
      const imp = new ImportTab(page);
      await imp.serverPaths.fill(join(s.ws.dir, 'bulk.jsonl'));
      await imp.importPaths.click();
      const progress = page.getByTestId('task-progress');
      // Best effort: the line may already be gone on a fast machine (the reads above are the test).
      const shotWhileShown = async (name: string) => {
        await progress.scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => undefined);
        await s.shot(name);
      };
      const seen = await progressShown(page);
      assert.ok(seen.documents >= 0 && seen.documents < DOCUMENTS, `part-way: ${seen.documents} of ${DOCUMENTS}`);
      assert.match(seen.text, /Importing: [\d,]+ documents · from 1 file\(s\), [\d.]+ [KM]B/);
      await shotWhileShown('01-import-progress');
      await imp.report.waitFor({ timeout: ENGINE_TIMEOUT * 2 });
      assert.equal(await progress.count(), 0, 'the progress line goes when the report comes');

      await s.open(`#/c/${NAME}/change`);
      const change = new ChangeTab(page);
      await change.chunkSize.fill('24');
      await change.chunkOverlap.fill('4');
      await page.getByTestId('derive').click();
      const copying = await progressShown(page);
      assert.equal(copying.total, DOCUMENTS);
      assert.ok(copying.documents > 0 && copying.documents < DOCUMENTS, `part-way: ${copying.documents} of ${DOCUMENTS}`);
      assert.match(copying.text, new RegExp(`of ${DOCUMENTS.toLocaleString('en')} documents \\(\\d+%\\)`));
      await shotWhileShown('02-derive-progress');
      await change.waitForStep('backfill', ENGINE_TIMEOUT * 2);
      assert.equal(await progress.count(), 0);
    },
    {
      setup: async (ws) => {
        writeCorpus(join(ws.dir, 'bulk.jsonl'), DOCUMENTS, 60);
        const created = await cli(['collections', 'create', NAME, '--model', 'test-model', '--chunk-size', '40', '--chunk-overlap', '5'], ws.env);
        assert.equal(created.code, 0, created.stderr);
      },
    },
  ),
);

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, writeCorpus } from '../electron/testing/harness';
import { ChangeTab } from './pages/change-tab';
import { CollectionPage } from './pages/collection-page';
import { ImportTab } from './pages/import-tab';
import { numberIn } from './pages/read';
import { ENGINE_TIMEOUT, withConsole } from './support/session';

/*
 * An import and a derive answer only when they are done; on a big corpus that is seconds to
 * minutes. Meanwhile the console shows how far they got, from their task/progress events, as the
 * CLI does on its progress line.
 */

const NAME = 'bulk';
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
      await progress.waitFor({ timeout: ENGINE_TIMEOUT });
      const read = await numberIn(progress.locator('strong'));
      assert.ok(read >= 0 && read < DOCUMENTS, `part-way: ${read} of ${DOCUMENTS}`);
      assert.match((await progress.textContent()) ?? '', /Importing: [\d,]+ documents · from 1 file\(s\), [\d.]+ [KM]B/);
      await s.shot('01-import-progress', { focus: progress });
      await imp.report.waitFor({ timeout: ENGINE_TIMEOUT * 2 });
      assert.equal(await progress.count(), 0, 'the progress line goes when the report comes');

      await s.open(`#/c/${NAME}/change`);
      const change = new ChangeTab(page);
      await change.chunkSize.fill('24');
      await change.chunkOverlap.fill('4');
      await page.getByTestId('derive').click();
      await progress.waitFor({ timeout: ENGINE_TIMEOUT });
      const bar = progress.getByRole('progressbar');
      await bar.waitFor();
      assert.equal(Number(await bar.getAttribute('aria-valuemax')), DOCUMENTS);
      const copied = Number(await bar.getAttribute('aria-valuenow'));
      assert.ok(copied > 0 && copied < DOCUMENTS, `part-way: ${copied} of ${DOCUMENTS}`);
      assert.match((await progress.textContent()) ?? '', new RegExp(`of ${DOCUMENTS.toLocaleString('en')} documents \\(\\d+%\\)`));
      await s.shot('02-derive-progress', { focus: progress });
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

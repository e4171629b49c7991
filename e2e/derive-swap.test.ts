import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_CORPUS } from '../electron/testing/harness';
import { BackupsPage } from './pages/backups-page';
import { ChangeTab } from './pages/change-tab';
import { CollectionPage } from './pages/collection-page';
import { CollectionsPage } from './pages/collections-page';
import { HistoryPage } from './pages/history-page';
import { ImportTab } from './pages/import-tab';
import { PlanTab } from './pages/plan-tab';
import { numberIn } from './pages/read';
import { RunPage } from './pages/run-page';
import { SpotcheckTab } from './pages/spotcheck-tab';
import { ENGINE_TIMEOUT, WIDE, withConsole } from './support/session';

/*
 * Derive & swap in the console against serve mode: a collection of the sample corpus, 3 saved
 * queries, a new version with another chunk size (derived, backfilled, verified, compared side by
 * side), a swap that is refused before the backfill, the swap, a spot-check through the alias that
 * answers from the new version, swap back (and forth), and the purge of the retired version with
 * its backup. A reload part-way resumes at the same step.
 */

const NAME = 'docs';
/** The Derive & swap tab is long: its screenshots are taken this tall, from the top, so one image shows every step. */
const TALL = { width: 1280, height: 2200 };

const QUERIES = ['how often should the chain be oiled', 'treating a minor burn', 'keeping bees through the winter'];

test('derive a new chunk size, backfill, verify, compare, swap, spot-check by alias, swap back, purge', { timeout: 300_000 }, (t) =>
  withConsole(t, 'derive', async (s) => {
    const { page } = s;
    const c = new CollectionPage(page, NAME);
    const change = new ChangeTab(page);
    const tall = async (name: string) => {
      await page.evaluate(() => (globalThis as any).document.querySelector('main')?.scrollTo(0, 0));
      return s.shot(name, { size: TALL });
    };

    // The live collection: create, import the sample corpus, backfill.
    await s.open('#/');
    const collections = new CollectionsPage(page);
    await collections.createCollection({ name: NAME, model: 'test-model', chunkSize: 60, chunkOverlap: 10 });
    await new ImportTab(page).importServerPaths([SAMPLE_CORPUS]);
    await c.goTo('plan');
    const plan = new PlanTab(page);
    await plan.makePlan('missing', 100);
    await plan.start.click();
    const run = new RunPage(page);
    await run.waitForLoad();
    await run.waitForStatus('completed');
    await page.getByRole('link', { name: NAME, exact: true }).first().click();
    await c.waitForLoad();
    const v1 = { documents: await c.count('documents'), chunks: await c.count('chunks'), vectors: await c.count('vectors') };
    assert.ok(v1.documents >= 10 && v1.vectors === v1.chunks, JSON.stringify(v1));

    // Derive & swap: settings pre-filled with the live ones; the queries saved first.
    await c.goTo('change');
    await change.waitForStep('settings');
    assert.equal(await change.chunkSize.inputValue(), '60');
    assert.equal(await change.chunkOverlap.inputValue(), '10');
    assert.equal(await change.model.inputValue(), 'test-model');
    assert.match((await change.changes.textContent()) ?? '', /nothing yet/);
    assert.equal(await page.getByTestId('derive').isDisabled(), true, 'nothing to derive while nothing changes');
    await change.open('compare');
    await change.saveQueries(QUERIES);
    await tall('01-settings-and-queries');
    await change.chunkSize.fill('30');
    assert.match((await change.changes.textContent()) ?? '', /chunk size 60 → 30 tokens/);
    assert.match((await change.form.textContent()) ?? '', /keeps serving readers/);
    await s.shot('02-settings-changed', { focus: change.changes });

    // Derive: docs becomes docs@v1 behind the alias docs; docs@v2 is building.
    await change.derive();
    const derived = (await page.getByTestId('derive-result').textContent()) ?? '';
    assert.match(derived, new RegExp(`docs@v2 \\(building\\) holds ${v1.documents} documents`));
    assert.match(derived, /docs was renamed docs@v1/);
    assert.deepEqual(await change.versionStates(), { 'docs@v1': 'live', 'docs@v2': 'building' });
    await page.getByTestId('version-note').filter({ hasText: 'docs is an alias' }).waitFor();
    await tall('03-derived');

    // Before the backfill the swap is refused, with the engine's reason.
    await change.open('compare');
    await change.compare();
    assert.match((await page.getByTestId('gate-verify').textContent()) ?? '', /FAIL/);
    assert.match((await page.getByTestId('gate-reasons').textContent()) ?? '', /docs@v2 does not verify/);
    await change.open('swap');
    assert.equal(await change.swapButton.isDisabled(), true);
    assert.match((await change.swapWhy.textContent()) ?? '', /checks fail: docs@v2 does not verify/);
    await page.getByTestId('swap-anyway').waitFor();
    await tall('04-swap-refused-before-backfill');

    // A reload resumes at the backfill step (the state is in the database).
    await page.reload();
    await change.waitForStep('backfill');
    assert.equal(await change.gate.count(), 0, 'a real reload: the gate shown before is gone from memory');
    assert.equal(await change.step('derive').getAttribute('data-state'), 'done');
    await tall('05-reloaded-resumes-at-backfill');

    // Backfill the new version here; readers still get docs@v1.
    await change.backfill();
    assert.match((await change.step('backfill').textContent()) ?? '', /(\d[\d,]*) of \1 chunks have a vector/);
    assert.match(await change.verify(), /^PASS/);
    await change.waitForStep('compare');

    // Compare: the saved queries side by side.
    await change.compare();
    assert.match((await page.getByTestId('gate-verify').textContent()) ?? '', /PASS/);
    assert.match((await page.getByTestId('gate-documents').textContent()) ?? '', /missing 0 · different 0/);
    assert.equal(await change.comparedQueries.count(), 3);
    for (const [i, q] of QUERIES.entries()) assert.match((await change.comparedQueries.nth(i).getByRole('heading').textContent()) ?? '', new RegExp(q));
    assert.ok((await change.comparison.getByTestId('compared-document').count()) >= 3, 'documents are listed');
    const overlap = await change.meanOverlap();
    t.diagnostic(`mean overlap ${overlap} %`);
    await change.waitForStep('swap');
    assert.equal(await change.swapButton.isEnabled(), true);
    await tall('06-compare');
    await s.shot('06-compare-table', { focus: change.comparedQueries.first() });
    await s.shot('06-compare-1920', { size: WIDE, focus: change.comparedQueries.first() });

    // Swap: readers of docs get docs@v2.
    await change.swapButton.click();
    await change.serving.filter({ hasText: 'docs@v2' }).waitFor({ timeout: ENGINE_TIMEOUT });
    assert.deepEqual(await change.versionStates(), { 'docs@v1': 'retired', 'docs@v2': 'live' });
    await tall('07-swapped');

    // A spot-check through the alias answers from docs@v2 only.
    await c.goTo('spotcheck');
    const spot = new SpotcheckTab(page);
    await spot.run(QUERIES.slice(0, 2), 5);
    assert.match((await spot.results.textContent()) ?? '', /Top 5 from docs@v2 only/);
    await s.shot('08-spotcheck-by-alias');

    // Swap back (never gated), then forth again.
    await c.goTo('change');
    await change.swapBack.filter({ hasText: 'Swap back to docs@v1' }).click();
    await change.serving.filter({ hasText: 'docs@v1' }).waitFor({ timeout: ENGINE_TIMEOUT });
    assert.deepEqual(await change.versionStates(), { 'docs@v1': 'live', 'docs@v2': 'retired' });
    await tall('09-swapped-back');
    await change.swapBack.filter({ hasText: 'Swap back to docs@v2' }).click();
    await change.serving.filter({ hasText: 'docs@v2' }).waitFor({ timeout: ENGINE_TIMEOUT });

    // Purge the retired docs@v1: the confirmation states the backup and the counts.
    await page.getByTestId('purge-docs@v1').click();
    const dialog = page.getByTestId('purge-dialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /backup of the whole database is taken first/);
    assert.equal(await numberIn(page.getByTestId('purge-documents')), v1.documents);
    assert.equal(await numberIn(page.getByTestId('purge-chunks')), v1.chunks);
    assert.equal(await numberIn(page.getByTestId('purge-vectors')), v1.vectors);
    await s.shot('10-purge-confirm');
    await dialog.getByTestId('confirm').click();
    const purged = page.getByTestId('purged');
    await purged.waitFor({ timeout: ENGINE_TIMEOUT });
    assert.match((await purged.textContent()) ?? '', /before-purge\.sqlite/);
    assert.deepEqual(await change.versionStates(), { 'docs@v2': 'live' });
    await tall('11-purged');

    // History keeps the comparison of the swap.
    const history = new HistoryPage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await history.heading.waitFor();
    const swapRow = history.ofKind('swap').last();
    await swapRow.getByTestId('history-comparison').locator('summary').click();
    assert.equal(await swapRow.getByTestId('compared-query').count(), 3);
    await s.shot('12-history-comparison', { focus: swapRow });

    // Backups: the automatic before-purge backup.
    const backups = new BackupsPage(page);
    await backups.openFromSidebar();
    await backups.backups.first().waitFor();
    assert.match((await backups.backups.first().textContent()) ?? '', /before a retired collection was purged/);
    await s.shot('13-backups');

    // Collections: the alias and the states at a glance.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).first().click();
    await page.getByTestId('alias-list').filter({ hasText: 'docs → docs@v2' }).waitFor();
    await s.shot('14-collections');
  }),
);

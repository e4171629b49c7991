import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CollectionPage } from '../pages/collection-page';
import { CollectionsPage } from '../pages/collections-page';
import { HistoryPage } from '../pages/history-page';
import { ImportTab } from '../pages/import-tab';
import { PlanTab } from '../pages/plan-tab';
import { wordIn } from '../pages/read';
import { RunPage } from '../pages/run-page';
import { SpotcheckTab } from '../pages/spotcheck-tab';
import { VerifyTab } from '../pages/verify-tab';
import { note, smallCorpus } from '../support/corpus';
import { WIDE, type ShotOptions } from '../support/session';

/** What the procedure needs from its surroundings: the browser against serve mode, or the Electron window. */
export interface ProcedureContext {
  page: Page;
  /** A scratch folder for the corpus files (a path the engine can read). */
  dir: string;
  shot(name: string, opts?: ShotOptions): Promise<string>;
  diagnostic(message: string): void;
  /** Also import one file through the upload picker (serve mode only; the desktop app has native dialogs instead). */
  upload: boolean;
}

export const NAME = 'cranfield';
/** One chunk per batch: the run then lasts long enough (about a second here) to watch it move. */
export const BATCH = 1;

/**
 * The procedure as a user does it, from the Collections screen: create a collection, import,
 * plan, watch the run, verify, spot-check and read the history, with a screenshot of every screen
 * on the way. Navigates by clicking only, so it runs the same in a browser and in the desktop app.
 */
export async function walkProcedure(s: ProcedureContext): Promise<void> {
  const { page } = s;
  const corpus = smallCorpus(s.dir);

  // Collections: empty, then the new collection through the form.
  const collections = new CollectionsPage(page);
  await collections.waitForLoad();
  await page.getByText('No collections yet.').waitFor();
  await s.shot('01-collections-empty');
  await collections.createCollection({ name: NAME, model: 'test-model', chunkSize: 40 });
  const c = new CollectionPage(page, NAME);
  assert.equal(await c.tab('import').getAttribute('aria-current'), 'page', 'a new collection opens on its Import tab');

  // Import: the corpus by its path (on the server, or typed in the desktop app), then one file through the upload picker.
  const imp = new ImportTab(page);
  const importRun = await imp.importServerPaths([corpus.file]);
  assert.equal(await imp.reportNumber('docs-added'), corpus.documents);
  const chunksAdded = await imp.reportNumber('chunks-added');
  assert.ok(chunksAdded > corpus.documents, `chunks of 40 tokens outnumber the documents (${chunksAdded})`);
  await s.shot('02-import-server-path', { focus: imp.report });
  let noteChunks = 0;
  let documents = corpus.documents;
  if (s.upload) {
    const uploadRun = await imp.uploadFiles([note(s.dir)]);
    assert.ok(uploadRun > importRun);
    assert.equal(await imp.reportNumber('docs-added'), 1);
    noteChunks = await imp.reportNumber('chunks-added');
    assert.ok(noteChunks >= 1);
    documents += 1;
    await s.shot('03-import-upload', { focus: imp.report });
  }

  // Overview: everything imported, nothing embedded yet.
  await c.goTo('overview');
  const chunks = chunksAdded + noteChunks;
  assert.equal(await c.count('documents'), documents);
  assert.equal(await c.count('chunks'), chunks);
  assert.equal(await c.count('vectors'), 0);
  assert.equal(await c.count('missing'), chunks);
  await s.shot('04-overview-imported');

  // Plan: every check passes, and it would embed every chunk.
  await c.goTo('plan');
  const plan = new PlanTab(page);
  assert.equal(await plan.start.isDisabled(), true, 'Start is off until there is a plan');
  await plan.makePlan('missing', BATCH);
  assert.equal(await plan.readiness(), 'ready');
  const checks = await plan.checks();
  assert.ok(checks.length >= 5, JSON.stringify(checks));
  assert.deepEqual(checks.filter((x) => !x.ok), [], 'every check passes');
  for (const name of ['model loads offline', 'dimension matches', 'enough disk', 'no other writer', 'database writable']) {
    assert.ok(checks.some((x) => x.name === name), `check "${name}" is listed`);
  }
  assert.equal(await plan.toEmbed(), chunks);
  assert.equal(await plan.start.isEnabled(), true);
  await s.shot('05-plan-ready', { focus: page.getByTestId('plan-checks') });

  // Start → the run monitor, moving.
  await plan.start.click();
  const run = new RunPage(page);
  await run.waitForLoad();
  const runId = run.runId();
  const first = await run.done();
  const total = await run.total();
  assert.equal(total, chunks);
  assert.ok(first < total, `the monitor opens while the run is going (${first} of ${total})`);
  const second = await run.waitForDoneAbove(first);
  assert.ok(second > first, `progress advances: ${first} → ${second}`);
  s.diagnostic(`progress read ${first} then ${second} of ${total}`);
  await s.shot('06-run-progress');
  await run.waitForStatus('completed');
  assert.equal(await run.done(), total);
  assert.deepEqual(await run.doneText(), { done: total, total });
  await s.shot('07-run-completed');

  // Verify: PASS, each count with its SQL.
  await run.nextVerify.click();
  const verify = new VerifyTab(page);
  assert.equal(await verify.verify(), 'PASS');
  assert.equal(await verify.countValue('chunks'), chunks);
  assert.equal(await verify.countValue('vectors'), chunks);
  for (const name of ['missing', 'stale', 'orphaned'] as const) assert.equal(await verify.countValue(name), 0, name);
  const shown = await verify.countNames();
  for (const name of ['documents', 'chunks', 'vectors', 'missing', 'stale', 'orphaned'] as const) {
    assert.ok(shown.includes(name), `count ${name} is shown`);
    assert.match(await verify.countSql(name), /^SELECT count\(\*\)[\s\S]*\bFROM\b/i, `the SQL of ${name}`);
  }
  for (const name of shown) assert.ok((await verify.countSql(name)).length > 10, `${name} says how it is counted`);
  await s.shot('08-verify-pass');
  await s.shot('08-verify-pass-1920', { size: WIDE });

  // Spot-check: cited hits; a citation opens its document with the span marked.
  await c.goTo('spotcheck');
  const spot = new SpotcheckTab(page);
  await spot.run(corpus.queries, 5);
  assert.equal(await spot.queryResults.count(), corpus.queries.length);
  assert.equal(await spot.warnings.count(), 0, 'meaning and keywords agree somewhere: no model warning');
  const cited = await spot.citations.count();
  assert.ok(cited >= 1, 'the query has citations');
  const snippet = await spot.snippetOf(0);
  await s.shot('09-spotcheck', { focus: spot.queryResults.first() });
  await spot.openCitation(0);
  assert.equal(await spot.citedSpan.evaluate((el) => el.tagName), 'MARK');
  const marked = (await spot.citedSpan.textContent()) ?? '';
  const squash = (x: string) => x.replace(/\s+/g, ' ').trim();
  assert.ok(squash(marked).includes(squash(snippet)), `the marked span holds the cited snippet:\n${marked}\n---\n${snippet}`);
  await s.shot('10-cited-document');
  await spot.closeDocument();

  // Overview again: all vectors, the DONE checklist met.
  await c.goTo('overview');
  await c.checklistOverall.filter({ hasText: 'all met' }).waitFor();
  assert.equal(await c.count('vectors'), chunks);
  assert.equal(await c.count('missing'), 0);
  await s.shot('11-overview-done');
  await s.shot('11-overview-done-1920', { size: WIDE });

  // History: the backfill with its command, in the collection's tab and on the History page.
  const history = new HistoryPage(page);
  await c.goTo('history');
  await history.run(runId).waitFor();
  assert.equal(await history.command(runId), `embedops backfill ${NAME} --mode missing --batch-size ${BATCH} --secrets skip`);
  assert.equal(await wordIn(history.run(runId).getByRole('cell').nth(1)), 'completed');
  await s.shot('12-collection-history', { focus: history.run(runId) });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await history.heading.waitFor();
  await history.run(runId).waitFor();
  for (const kind of ['import', 'backfill', 'verify', 'spotcheck']) assert.ok((await history.ofKind(kind).count()) >= 1, `a ${kind} run is listed`);
  await s.shot('13-history');

  // Back to the collections table: the row shows the counts.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).first().click();
  await collections.row(NAME).waitFor();
  await s.shot('14-collections');
}

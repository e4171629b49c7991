import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, writeCorpus } from '../electron/testing/harness';
import { CollectionPage } from './pages/collection-page';
import { PlanTab } from './pages/plan-tab';
import { RunPage } from './pages/run-page';
import { VerifyTab } from './pages/verify-tab';
import { withConsole } from './support/session';

async function until(ok: () => boolean, what: string, timeout = 15_000): Promise<void> {
  for (const end = Date.now() + timeout; !ok(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

/*
 * A long backfill cancelled from the run monitor keeps what it embedded, still reads as cancelled
 * after a reload (the run is a row, not a transient event), and Resume finishes it from its
 * checkpoint: verify then passes, so nothing was lost or embedded twice.
 */

const NAME = 'big';
const BATCH = 4;

test('cancel a running backfill, reload, resume it, verify PASS', { timeout: 180_000 }, (t) =>
  withConsole(
    t,
    'cancel',
    async (s) => {
      const { page } = s;
      const c = new CollectionPage(page, NAME);
      await s.open(`#/c/${NAME}/plan`);
      await c.waitForLoad();
      const plan = new PlanTab(page);
      await plan.makePlan('missing', BATCH);
      assert.equal(await plan.readiness(), 'ready');
      const chunks = await plan.toEmbed();
      assert.ok(chunks > 3000, `thousands of chunks (${chunks})`);

      await plan.start.click();
      const run = new RunPage(page);
      await run.waitForLoad();
      const runId = run.runId();
      await run.waitForDoneAbove(0);
      // The cancel answer is held until the run has finished, as a busy machine may deliver it
      // after the run/finished event: the monitor must not step back to that older row.
      const watch = await run.watchStatusAndDone();
      await page.route('**/api/runs/cancel', async (route) => {
        const answer = await route.fetch();
        await run.waitForStatus('cancelled');
        await route.fulfill({ response: answer });
      });
      const answers: string[] = [];
      page.on('response', (r) => answers.push(new URL(r.url()).pathname));
      await run.cancel.click();
      await run.waitForStatus('cancelled');
      // Settled: the cancel was answered and the monitor has refetched the run since.
      await until(() => answers.includes('/api/runs/cancel') && answers.slice(answers.indexOf('/api/runs/cancel') + 1).includes('/api/runs/get'), 'a runs/get after the cancel answer');
      const seen = await watch.stop();
      const first = seen.findIndex((v) => v.status === 'cancelled');
      assert.deepEqual(
        seen.slice(first).filter((v) => v.status !== 'cancelled' || v.done !== seen.at(-1)!.done),
        [],
        `after cancelled the monitor showed only the final row: ${JSON.stringify(seen.slice(first))}`,
      );
      await page.unroute('**/api/runs/cancel');
      const stopped = await run.done();
      assert.equal(await run.total(), chunks);
      assert.ok(stopped > 0 && stopped < chunks, `cancelled part-way: ${stopped} of ${chunks}`);
      t.diagnostic(`cancelled at ${stopped} of ${chunks}`);
      await run.resume.waitFor();
      assert.equal(await run.cancel.count(), 0, 'a cancelled run offers no Cancel');
      await s.shot('01-run-cancelled');

      // The monitor reads the run from the database, so a reload shows the same.
      await page.reload();
      await run.waitForLoad();
      await run.waitForStatus('cancelled');
      assert.equal(await run.done(), stopped);
      assert.deepEqual(await run.doneText(), { done: stopped, total: chunks });
      await s.shot('02-after-reload');

      // What it embedded is kept: the collection counts it.
      await page.getByRole('main').getByRole('link', { name: NAME, exact: true }).click();
      await c.waitForLoad();
      assert.equal(await c.count('vectors'), stopped);
      assert.equal(await c.count('missing'), chunks - stopped);
      await s.shot('03-overview-part-embedded');
      await page.goBack();

      await run.waitForLoad();
      await run.resume.click();
      await run.waitForStatus('completed');
      assert.equal(run.runId(), runId, 'resumed in place');
      assert.equal(await run.done(), chunks);
      await s.shot('04-resumed-completed');

      await run.nextVerify.click();
      const verify = new VerifyTab(page);
      assert.equal(await verify.verify(), 'PASS');
      assert.equal(await verify.countValue('vectors'), chunks);
      assert.equal(await verify.countValue('missing'), 0);
      await s.shot('05-verify-pass');
    },
    {
      // The collection and its corpus come from the CLI: this test is about the run monitor.
      setup: async (ws) => {
        const corpus = writeCorpus(join(ws.dir, 'corpus.jsonl'), 600);
        const created = await cli(['collections', 'create', NAME, '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '5'], ws.env);
        assert.equal(created.code, 0, created.stderr);
        const imported = await cli(['import', NAME, corpus], ws.env);
        assert.equal(imported.code, 0, imported.stderr);
      },
    },
  ),
);

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testModel, writeCorpus } from '../electron/testing/harness';
import { CollectionPage } from './pages/collection-page';
import { CollectionsPage } from './pages/collections-page';
import { ImportTab } from './pages/import-tab';
import { PlanTab } from './pages/plan-tab';
import { withConsole, type ConsoleSession } from './support/session';

/*
 * The model folder is replaced by one of another dimension after the collection was made: the
 * plan must refuse, say why, and keep Start off.
 */

const NAME = 'dims';

/** A 16-d collection made and filled in the UI, then its model folder swapped for a 24-d one of the same name. */
async function collectionWithSwappedModel(s: ConsoleSession): Promise<CollectionPage> {
  const collections = new CollectionsPage(s.page);
  await s.open('#/');
  await collections.waitForLoad();
  await collections.createCollection({ name: NAME, model: 'test-model', chunkSize: 40 });
  await s.page.getByText('test-model · 16-d').waitFor();
  const imp = new ImportTab(s.page);
  await imp.importServerPaths([writeCorpus(join(s.ws.dir, 'corpus.jsonl'), 20)]);
  assert.equal(await imp.reportNumber('docs-added'), 20);
  // Same name, another dimension: what copying the wrong folder from a USB stick looks like.
  rmSync(s.ws.model, { recursive: true });
  testModel(join(s.ws.dir, 'models'), 'test-model', 24);
  return new CollectionPage(s.page, NAME);
}

test('a model whose dimension no longer matches fails the plan\'s "dimension matches" check, and Start stays disabled', { timeout: 120_000 }, (t) =>
  withConsole(t, 'dimension', async (s) => {
    const { page } = s;
    const c = await collectionWithSwappedModel(s);
    const plan = new PlanTab(page);

    // The server that made the collection still has the old model loaded; it must refuse all the same.
    await c.goTo('plan');
    await plan.makePlan('missing', 100);
    assert.equal(await plan.readiness(), 'not ready');
    const failing = (await plan.checks()).filter((x) => !x.ok);
    assert.equal(failing.length, 1, JSON.stringify(failing));
    assert.match(failing[0]!.name, /^(dimension matches|model files unchanged)$/);
    assert.match(failing[0]!.detail, /Nothing was written/);
    assert.equal(await plan.start.isDisabled(), true, 'Start stays disabled');
    t.diagnostic(`warm server: "${failing[0]!.name}" fails`);
    await s.shot('01-plan-refused-warm-server', { focus: page.getByTestId('plan-checks') });

    // A fresh server (the console opened after the folder was swapped) loads the new files.
    await s.restart();
    await s.open(`#/c/${NAME}/plan`);
    await plan.makePlan('missing', 100);
    assert.equal(await plan.readiness(), 'not ready');
    const dim = await plan.check('dimension matches');
    assert.ok(dim, `a "dimension matches" check is listed: ${JSON.stringify(await plan.checks())}`);
    assert.equal(dim.ok, false);
    assert.match(dim.detail, /produces 24-dimensional vectors but collection "dims" holds 16-dimensional ones/);
    assert.match(dim.detail, /Nothing was written/);
    assert.match(dim.detail, /embedops collections derive dims --model test-model/);
    assert.equal(await plan.start.isDisabled(), true, 'Start stays disabled');
    assert.match(await plan.startNote(), /A check failed/);
    await s.shot('02-plan-dimension-fails', { focus: page.getByTestId('plan-checks') });

    // Nothing was embedded.
    await c.goTo('overview');
    assert.equal(await c.count('vectors'), 0);
    assert.equal(await c.count('missing'), await c.count('chunks'));
    await s.shot('03-overview-nothing-embedded');
  }),
);

test(
  'a running server notices a swapped model folder (dimension check, and the probe of a new collection)',
  {
    timeout: 120_000,
  },
  (t) =>
    withConsole(t, 'warmmodel', async (s) => {
      const { page } = s;
      const c = await collectionWithSwappedModel(s);
      await c.goTo('plan');
      const plan = new PlanTab(page);
      await plan.makePlan('missing', 100);
      const dim = await plan.check('dimension matches');
      assert.equal(dim?.ok, false, `"dimension matches" fails: ${JSON.stringify(await plan.checks())}`);

      // The message's own advice: a new version of the collection for the new model. It must be 24-d.
      const collections = new CollectionsPage(page);
      await s.open('#/');
      await collections.createCollection({ name: `${NAME}@v2`, model: 'test-model' });
      await s.shot('01-new-version-created');
      await page.getByText('test-model · 24-d').waitFor({ timeout: 2_000 });
    }),
);

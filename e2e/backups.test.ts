import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { cli, collect, CORPUS_WORDS, startCli, writeCorpus } from '../electron/testing/harness';
import { BackupsPage } from './pages/backups-page';
import { CollectionPage } from './pages/collection-page';
import { HistoryPage } from './pages/history-page';
import { ImportTab } from './pages/import-tab';
import { smallCorpus } from './support/corpus';
import { ENGINE_TIMEOUT, WIDE, withConsole, type Workspace } from './support/session';

/*
 * The Backups screen against serve mode: the empty state, "Back up now", a change, and a restore
 * that brings the backed-up counts back on every screen without a reload; then the refusals: a
 * restore under a backfill running in another process (the engine's message, then the console's
 * own warning) and a file that is not a database. Nothing changes after a refusal.
 */

const NAME = 'cranfield';

/** A few documents with ids no corpus uses, so importing them adds documents. */
function extraDocs(dir: string, n: number): string {
  const file = join(dir, 'extra.jsonl');
  const lines = Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 60 }, (_, j) => CORPUS_WORDS[(i * 7 + j * 3) % CORPUS_WORDS.length]!);
    return JSON.stringify({ id: `extra-${i + 1}`, title: `Extra note ${i + 1}`, text: words.join(' ') });
  });
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function run(ws: Workspace, args: string[]): Promise<void> {
  const r = await cli(args, ws.env);
  assert.equal(r.code, 0, `embedops ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
}

test('back up now, import more, restore: the backed-up counts come back on every screen', { timeout: 180_000 }, (t) =>
  withConsole(
    t,
    'backups',
    async (s) => {
      const { page } = s;
      const c = new CollectionPage(page, NAME);
      const b = new BackupsPage(page);

      // The collection as the backfill left it (this also puts its counts in the console's cache).
      await s.open(`#/c/${NAME}`);
      const before = { documents: await c.count('documents'), chunks: await c.count('chunks'), vectors: await c.count('vectors') };
      assert.ok(before.documents > 0 && before.vectors === before.chunks, JSON.stringify(before));

      await b.openFromSidebar();
      await b.waitForList();
      await b.empty.waitFor();
      assert.match((await b.empty.textContent()) ?? '', /before every rebuild backfill/);
      await s.shot('01-empty');

      // Back up now: the result and the list both show the collection's counts.
      const file = await b.backUpNow();
      assert.match(file, /[\\/]backups[\\/]embedops-.*-manual\.sqlite$/);
      assert.deepEqual(await b.resultCounts(b.backupResult, NAME), before);
      await b.backups.first().waitFor();
      assert.equal(await b.backups.count(), 1);
      assert.deepEqual(await b.listed(b.backups.first(), NAME), before);
      await s.shot('02-backed-up');

      // A change: more documents, not yet embedded.
      await page.getByTestId('sidebar-collections').getByRole('link', { name: new RegExp(`^${NAME}`) }).click();
      await c.waitForLoad();
      await c.goTo('import');
      const added = 12;
      await new ImportTab(page).importServerPaths([extraDocs(s.ws.dir, added)]);
      await c.goTo('overview');
      // The overview may show the cached counts for a moment before its refetch lands.
      await page.getByTestId('count-documents').filter({ hasText: (before.documents + added).toLocaleString('en-US') }).waitFor();
      const changed = { documents: await c.count('documents'), chunks: await c.count('chunks'), vectors: await c.count('vectors') };
      assert.equal(changed.documents, before.documents + added);
      assert.ok(changed.chunks > before.chunks);
      assert.equal(changed.vectors, before.vectors);
      await s.shot('03-changed');

      // Restore: the confirmation states the counts now and the ones that come back.
      await b.openFromSidebar();
      await b.backups.first().waitFor();
      await b.openRestore(b.backup(file.split(/[\\/]/).pop()!));
      assert.deepEqual(await b.comingBack(NAME), before);
      const text = (await b.dialog.textContent()) ?? '';
      assert.match(text, /backed up first/);
      assert.match(text, /before-restore\.sqlite/);
      assert.equal(await b.blocked.count(), 0, 'no run is active');
      assert.equal(await b.cancel.evaluate((el) => el === (globalThis as any).document.activeElement), true, 'Cancel has the focus, not Restore');
      await s.shot('04-confirm-restore');
      await b.confirm.click();
      await b.restoreResult.waitFor({ timeout: ENGINE_TIMEOUT });
      assert.equal(await b.dialog.count(), 0, 'the confirmation closes');
      assert.deepEqual(await b.resultCounts(b.restoreResult, NAME), before);
      const safety = (await b.restoreResult.getByTestId('safety-backup').textContent()) ?? '';
      assert.match(safety, /before-restore\.sqlite/);

      // The safety backup is listed first, with the counts of the database it replaced.
      await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid="backup"]').length === 2);
      assert.match((await b.backups.first().textContent()) ?? '', /before-restore/);
      assert.deepEqual(await b.listed(b.backups.first(), NAME), changed);
      await s.shot('05-restored');
      await s.shot('05-restored-1920', { size: WIDE });

      // Every other screen shows the restored database without a reload.
      await page.getByTestId('sidebar-collections').getByRole('link', { name: new RegExp(`^${NAME}`) }).click();
      await c.waitForLoad();
      assert.deepEqual({ documents: await c.count('documents'), chunks: await c.count('chunks'), vectors: await c.count('vectors') }, before);
      assert.equal(await c.count('missing'), 0);
      await s.shot('06-overview-restored');

      const history = new HistoryPage(page);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
      await history.heading.waitFor();
      await history.ofKind('restore').first().waitFor();
    },
    {
      setup: async (ws) => {
        const corpus = smallCorpus(ws.dir, 60);
        await run(ws, ['collections', 'create', NAME, '--model', 'test-model', '--chunk-size', '40']);
        await run(ws, ['import', NAME, corpus.file]);
        await run(ws, ['backfill', NAME, '--mode', 'missing']);
      },
    },
  ),
);

/** Waits until the newest backfill in the database file is running and has done something. */
async function waitForRunning(db: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      const r = conn.prepare(`SELECT id, status, done FROM runs WHERE kind = 'backfill' ORDER BY id DESC LIMIT 1`).get() as { id: number; status: string; done: number } | undefined;
      if (r && r.status === 'running' && r.done > 0) return r.id;
    } finally {
      conn.close();
    }
    if (Date.now() - t0 > ENGINE_TIMEOUT) throw new Error('the backfill did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a restore is refused under a running backfill and for a file that is not a database; nothing changes', { timeout: 180_000 }, (t) =>
  withConsole(
    t,
    'backups-refused',
    async (s) => {
      const { page } = s;
      const b = new BackupsPage(page);
      await s.open('#/backups');
      await b.backups.nth(1).waitFor();
      assert.equal(await b.backups.count(), 2);

      // The confirmation is open when a backfill starts in another process (a CLI): the console cannot know, the engine refuses.
      await b.openRestore(b.backup('-manual.sqlite'));
      assert.equal(await b.blocked.count(), 0);
      const child = startCli(['backfill', 'big', '--mode', 'missing', '--batch-size', '4'], s.ws.env);
      const exited = collect(child, false);
      try {
        const runId = await waitForRunning(s.ws.db);
        await b.confirm.click();
        await b.dialogError.waitFor({ timeout: ENGINE_TIMEOUT });
        const message = (await b.dialogError.textContent()) ?? '';
        assert.match(message, new RegExp(`Run #${runId} \\(backfill of big\\) is active`));
        assert.match(message, new RegExp(`embedops cancel ${runId}`), 'the fix is named');
        assert.match(message, /Nothing was changed/);
        // The refusal refreshed the status: the console now says why, and Restore stays off until the run ends.
        await b.blocked.waitFor();
        assert.match((await b.blocked.textContent()) ?? '', new RegExp(`Run #${runId} is running`));
        assert.equal(await b.confirm.isDisabled(), true);
        await s.shot('01-refused-run-active');
        await run(s.ws, ['cancel', String(runId)]);
      } finally {
        const code = (await exited).code;
        t.diagnostic(`the CLI backfill exited ${code}`);
      }
      await b.cancel.click();
      await b.dialog.waitFor({ state: 'detached' });

      // A file that is not a database: the engine's message, and no safety backup was taken for it.
      await b.openRestore(b.backup('copied-from-usb.sqlite'));
      assert.match((await b.dialog.textContent()) ?? '', /counts are unknown/);
      await b.confirm.click();
      await b.dialogError.waitFor({ timeout: ENGINE_TIMEOUT });
      assert.match((await b.dialogError.textContent()) ?? '', /copied-from-usb\.sqlite .*(cannot be opened|not a readable SQLite database).*Nothing was changed/s);
      await s.shot('02-refused-not-a-database');
      await b.cancel.click();
      assert.equal(await b.backups.count(), 2, 'no before-restore backup after a refused restore');
      await s.shot('03-list-unchanged');
    },
    {
      setup: async (ws) => {
        const corpus = writeCorpus(join(ws.dir, 'corpus.jsonl'), 600);
        await run(ws, ['collections', 'create', 'big', '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '5']);
        await run(ws, ['import', 'big', corpus]);
        await run(ws, ['backup']);
        // Bytes that are not a database, where backups are kept (as if copied there by hand).
        writeFileSync(join(ws.dir, 'backups', 'copied-from-usb.sqlite'), 'this is not a database\n'.repeat(100));
      },
    },
  ),
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../electron/testing/harness';
import { CollectionsPage } from './pages/collections-page';
import { withConsole } from './support/session';

/*
 * The create form checks the name as it is typed (the rule of `collections create`) and says what
 * to change; submitting a bad name sends nothing and creates nothing.
 */

test('a bad collection name is explained inline and nothing is created', { timeout: 120_000 }, (t) =>
  withConsole(
    t,
    'badname',
    async (s) => {
      const { page } = s;
      const creates: string[] = [];
      page.on('request', (r) => r.url().includes('/api/collections/create') && creates.push(r.postData() ?? ''));
      const collections = new CollectionsPage(page);
      await s.open('#/');
      await collections.waitForLoad();
      await collections.row('docs').waitFor();
      assert.equal(await collections.nameInvalid(), false, 'an untouched empty field is not flagged');

      const cases: [string, RegExp][] = [
        ['Tenant 42', /lower-case letters only/],
        ['tenant 42', /No spaces: use _ instead/],
        ['tenant-42', /Only a–z, 0–9 and _ are allowed \(not "-"\)/],
        ['x'.repeat(65), /At most 64 characters before the version \(this has 65\)/],
        ['tenant_42@2', /version suffix looks like @v2/],
        ['docs', /A collection named "docs" exists already.*docs@v2/],
      ];
      for (const [name, message] of cases) {
        await collections.fill({ name, model: 'test-model' });
        assert.equal(await collections.nameInvalid(), true, `"${name}" is flagged`);
        assert.match(await collections.nameMessage(), message, `the message for "${name}"`);
      }
      await s.shot('01-name-exists', { focus: collections.form });

      // Submitting a bad name sends nothing: the keyboard goes back to the name, its message stays.
      await collections.fill({ name: 'Bad Name!' });
      await collections.create.click();
      assert.equal(await collections.name.evaluate((el) => el === el.ownerDocument.activeElement), true, 'the name field has the focus');
      assert.match(await collections.nameMessage(), /lower-case letters only/);
      await s.shot('02-bad-name-submitted', { focus: collections.form });
      assert.equal(await collections.create.textContent(), 'Create collection', 'nothing is being created');

      // An empty name, once submitted, says what to type.
      await collections.name.fill('');
      await collections.create.click();
      assert.match(await collections.nameMessage(), /Give the collection a name/);

      // A good name clears the message.
      await collections.name.fill('tenant_42@v2');
      assert.equal(await collections.nameInvalid(), false);
      assert.match(await collections.nameMessage(), /^Lower-case letters, digits and _/);

      assert.deepEqual(creates, [], 'no create request was sent');
      const listed = await cli(['collections', 'list', '--json'], s.ws.env);
      assert.equal(listed.code, 0, listed.stderr);
      const names = (listed.json as { collections: { settings: { name: string } }[] }).collections.map((c) => c.settings.name);
      assert.deepEqual(names, ['docs'], 'only the collection made before the test exists');
      assert.equal(await collections.rows.count(), 1);
    },
    {
      setup: async (ws) => {
        const created = await cli(['collections', 'create', 'docs', '--model', 'test-model'], ws.env);
        assert.equal(created.code, 0, created.stderr);
      },
    },
  ),
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, CORPUS_WORDS, workspace } from '../testing/harness';
import { FAKE_SECRETS } from '../testing/fake-secrets';

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => CORPUS_WORDS[(i * 5 + seed * 11) % CORPUS_WORDS.length]).join(' ');

function leaked(...outputs: string[]): string[] {
  const all = outputs.join('\n');
  return FAKE_SECRETS.filter((f) => all.includes(f.secret)).map((f) => f.kind);
}

test('CLI: plan lists flagged chunks without their text; backfill skips them by default; verify PASSes and says why; redact embeds them; nothing leaks to stdout/stderr', async () => {
  const ws = workspace();
  const file = join(ws.dir, 'docs.jsonl');
  const docs = [
    ...Array.from({ length: 5 }, (_, i) => ({ id: `clean-${i}`, title: `notes ${i}`, text: words(80, i) })),
    ...FAKE_SECRETS.map((f, i) => ({ id: `ops-${i}`, title: `runbook ${i}`, text: `${words(20, i)}\n${f.text}\n${words(20, i + 9)}` })),
  ];
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const out: string[] = [];
  const run = async (args: string[]) => {
    const r = await cli(args, ws.env);
    out.push(r.stdout, r.stderr);
    return r;
  };

  let r = await run(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '32', '--chunk-overlap', '4']);
  assert.equal(r.code, 0, r.stderr);
  r = await run(['import', 'c', file]);
  assert.equal(r.code, 0, r.stderr);

  r = await run(['plan', 'c', '--mode', 'missing', '--secrets', 'maybe']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--secrets must be one of skip, redact, allow \(got "maybe"\)/);

  r = await run(['plan', 'c', '--mode', 'missing', '--json']);
  assert.equal(r.code, 0, r.stdout);
  const flagged = r.json.secrets.flagged as number;
  assert.ok(flagged >= FAKE_SECRETS.length);
  assert.equal(r.json.secrets.policy, 'skip');
  assert.match(r.json.command, /--secrets skip/);

  r = await run(['plan', 'c', '--mode', 'missing']);
  assert.match(r.stdout, new RegExp(`secrets {6}${flagged} chunk\\(s\\) look like credentials: private_key ×\\d+, aws_access_key ×\\d+`));
  assert.match(r.stdout, /ops-0 "runbook 0" chunk \d+: aws_access_key chars \d+–\d+/);
  assert.match(r.stdout, /✓ secrets guard: \d+ chunk\(s\) look like credentials .*: they will be withheld, not embedded \(policy skip\); --secrets redact or --secrets allow to change/);

  r = await run(['backfill', 'c', '--mode', 'missing', '--json']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.run.settings.secrets, 'skip');
  assert.equal(r.json.run.result.secrets.withheld, flagged);
  assert.match(r.json.run.command, /^embedops backfill c --mode missing --batch-size 100 --secrets skip$/);

  r = await run(['verify', 'c']);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^PASS/);
  assert.match(r.stdout, new RegExp(`withheld by the secrets guard \\(${flagged}\\) == chunks`));
  assert.match(r.stdout, /warning: \d+ chunk\(s\) withheld by the secrets guard/);

  r = await run(['backfill', 'c', '--mode', 'missing', '--secrets', 'redact']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`secrets guard \\(policy redact\\): ${flagged} chunk\\(s\\) embedded with credentials redacted`));
  r = await run(['verify', 'c', '--json']);
  assert.equal(r.json.status, 'PASS');
  assert.equal(r.json.withheld, 0);
  assert.equal(r.json.vectors, r.json.chunks);

  r = await run(['history', 'c', '--markdown']);
  assert.match(r.stdout, /embedops backfill c --mode missing --batch-size 100 --secrets redact/);
  assert.deepEqual(leaked(...out), [], 'no credential on stdout or stderr of any command');
});

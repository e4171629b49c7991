import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAKE_SECRETS } from '../testing/fake-secrets';
import { detectSecrets, isPlaceholder, kindsText, countKinds, placeholder, redactSecrets } from './detect';

test('each kind of fake credential is found, with offsets that cover it and no text in the finding', () => {
  for (const f of FAKE_SECRETS) {
    const found = detectSecrets(f.text);
    assert.equal(found.length, 1, `${f.kind}: one finding in ${JSON.stringify(f.text.slice(0, 60))}`);
    const [hit] = found;
    assert.equal(hit!.kind, f.kind);
    const at = f.text.indexOf(f.secret);
    assert.ok(hit!.start <= at && hit!.end >= at + f.secret.length, `${f.kind}: the span covers the secret`);
    assert.deepEqual(Object.keys(hit!).sort(), ['end', 'kind', 'start'], 'offsets only, never the matched text');
  }
});

test('redaction removes every secret and names its kind; the text around it stays', () => {
  for (const f of FAKE_SECRETS) {
    const red = redactSecrets(f.text);
    assert.ok(!red.includes(f.secret), `${f.kind}: secret gone`);
    assert.ok(red.includes(placeholder(f.kind)), `${f.kind}: placeholder present`);
    assert.deepEqual(detectSecrets(red), [], `${f.kind}: redacted text is clean`);
  }
  assert.equal(redactSecrets('password = "Tr0ub4dor&3x" then more'), 'password = "[REDACTED password]" then more');
  assert.equal(
    redactSecrets('DATABASE_URL=postgres://app:S3cr3t-P4ss@db.example:5432/x'),
    'DATABASE_URL=postgres://[REDACTED connection_string]@db.example:5432/x',
    'the host and database stay: only user:password is a credential',
  );
});

test('several secrets in one text: sorted, non-overlapping, the specific kind wins over the generic assignment', () => {
  const text = FAKE_SECRETS.map((f) => f.text).join('\n\n');
  const found = detectSecrets(text);
  assert.equal(found.length, FAKE_SECRETS.length);
  for (let i = 1; i < found.length; i++) assert.ok(found[i]!.start >= found[i - 1]!.end);
  // `Stripe.api_key = "sk_live_…"` matches both rules; the key's own kind is the useful one.
  assert.ok(found.some((x) => x.kind === 'stripe_key'));
  const red = redactSecrets(text, found);
  for (const f of FAKE_SECRETS) assert.ok(!red.includes(f.secret), f.kind);
  assert.match(kindsText(countKinds(found)), /^private_key ×1, aws_access_key ×1, aws_secret_key ×1, github_token ×2/);
});

test('a PEM key cut by chunking is still found: the head alone, the body alone, the tail alone', () => {
  const pem = FAKE_SECRETS.find((f) => f.kind === 'private_key')!.text;
  const lines = pem.split('\n');
  const head = lines.slice(0, 3).join('\n');
  const body = 'continued from the previous chunk\n' + lines.slice(2, 6).join('\n') + '\nand more';
  const tail = lines.slice(5).join('\n') + '\nThat was the key.';
  for (const part of [head, body, tail]) {
    const found = detectSecrets(part);
    assert.equal(found.length, 1, part.slice(0, 40));
    assert.equal(found[0]!.kind, 'private_key');
  }
  assert.equal(redactSecrets(tail), '[REDACTED private_key]\nThat was the key.');
  // A JSON-escaped key (a service account file) is one finding too.
  assert.equal(detectSecrets(JSON.stringify({ private_key: pem })).length, 1);
});

test('no false positives: prose, code without secrets, URLs without credentials, placeholders', () => {
  const clean = [
    'The boundary layer thickens downstream; the pressure gradient sets the transition point.',
    'Reset your password from the settings page. The password must be at least 12 characters long.',
    'Password: required',
    '"password": "Passwort"',
    'password = config.password',
    "password=request.form['password']",
    'db_password = os.environ["DB_PASSWORD"]',
    'const token = tokenizer.encode(text);',
    'api_key: process.env.API_KEY',
    'secret: ${SECRET}',
    'password=<your password>',
    'password: xxxxxxxx',
    'password = "changeme"',
    'PASSWORD=********',
    'api_key = "YOUR_API_KEY"',
    'client_secret: "{{ client_secret }}"',
    'postgres://user:password@localhost:5432/mydb',
    'mongodb+srv://admin:<password>@cluster0.example.mongodb.net/test',
    'https://user:${TOKEN}@github.com/org/repo.git',
    'https://example.com/path?q=1 and http://localhost:8080/api and git@github.com:org/repo.git',
    'mailto:someone@example.com, ssh://git@host.example/repo',
    'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx is what a GitHub token looks like',
    'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'pip install scikit-learn; see sk-learn-docs and the AKIA prefix of AWS key ids.',
    'Authorization: Bearer <token>',
    'The hash is 3f786850e387550fdab836ed7e6dc881de23001b and the commit a94a8fe5cc.',
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ];
  for (const text of clean) assert.deepEqual(detectSecrets(text), [], text);
});

test('the placeholder rule, case by case', () => {
  for (const p of ['', '<password>', '${DB_PASS}', '{{secret}}', '[secret]', '%PASSWORD%', '$PASSWORD', 'xxxx', '****', 'changeme', 'YOUR_PASSWORD', 'your-api-key', 'example123', 'password']) {
    assert.equal(isPlaceholder(p), true, p);
  }
  for (const s of ['hunter2', 'Tr0ub4dor&3', 'S3cr3t-P4ss', 'AKIAIOSFODNN7EXAMPLE'.toLowerCase().replace('example', 'zz')]) assert.equal(isPlaceholder(s), false, s);
});

test('a long text with no secret stays fast (no catastrophic backtracking)', () => {
  const text = ('password ' + 'a'.repeat(5000) + ' :: ' + 'A'.repeat(3000) + '\n').repeat(20) + 'x://' + ':'.repeat(5000);
  const t0 = performance.now();
  detectSecrets(text);
  assert.ok(performance.now() - t0 < 500, `took ${performance.now() - t0} ms`);
});

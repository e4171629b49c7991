/**
 * Realistic but fake credentials for the secrets guard's tests: each has the exact shape of the
 * real thing (prefix, length, alphabet) and says FAKE or EXAMPLE inside, or is a vendor's own
 * documented example (AWS's AKIAIOSFODNN7EXAMPLE, jwt.io's sample token). None grants anything.
 */
import type { SecretKind } from '../secrets/detect';

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `start` followed by varied alphanumerics, `n` characters in all. */
function fill(start: string, n: number): string {
  let s = start;
  for (let i = 0; s.length < n; i++) s += ALNUM[(i * 7 + 3) % ALNUM.length];
  return s.slice(0, n);
}

const PEM_LINES = [0, 1, 2, 3, 4, 5].map((i) => fill(`MIIEFAKEKEYEXAMPLE${i}`, 64));

export interface FakeSecret {
  kind: SecretKind;
  /** A sentence or line as it would appear in a document. */
  text: string;
  /** The part that must never reach a vector or a log. */
  secret: string;
}

function make(kind: SecretKind, secret: string, around: (s: string) => string): FakeSecret {
  return { kind, secret, text: around(secret) };
}

export const FAKE_SECRETS: FakeSecret[] = [
  make('aws_access_key', 'AKIAIOSFODNN7EXAMPLE', (s) => `The deploy user has access key ${s} attached.`),
  make('aws_secret_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', (s) => `aws_secret_access_key = ${s}`),
  make('github_token', 'ghp_' + fill('FAKEexampleTOKEN', 36), (s) => `export GITHUB_TOKEN=${s}`),
  make('github_token', 'github_pat_' + fill('11FAKEEXAMPLE', 22) + '_' + fill('FAKEexample', 59), (s) => `use the token ${s} for the mirror`),
  make('slack_token', 'xoxb-123456789012-1234567890123-' + fill('FAKEexample', 24), (s) => `slack bot token: ${s}`),
  make('stripe_key', 'sk_live_' + fill('51FAKEexample', 24), (s) => `Stripe.api_key = "${s}"`),
  make('google_api_key', 'AIza' + fill('SyFAKE_example-', 35), (s) => `maps key ${s} (restricted to the intranet)`),
  make('openai_key', 'sk-proj-' + fill('FAKEexample', 40), (s) => `OPENAI_API_KEY=${s}`),
  make(
    'jwt',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    (s) => `curl -H "X-Session: ${s}" https://api.internal.example/v1/me`,
  ),
  make('private_key', PEM_LINES[2]!, () => ['-----BEGIN RSA PRIVATE KEY-----', ...PEM_LINES, '-----END RSA PRIVATE KEY-----'].join('\n')),
  make('connection_string', 'S3cr3t-FAKE-Pa55', (s) => `DATABASE_URL=postgres://app_user:${s}@db.internal.example:5432/orders`),
  make('connection_string', 'M0ngo-FAKE-pw', (s) => `mongodb+srv://reporting:${s}@cluster0.fake-example.mongodb.net/analytics`),
  make('url_credentials', 'tok3n-FAKE-9z', (s) => `git clone https://deploy:${s}@git.internal.example/infra/secrets.git`),
  make('password', 'Tr0ub4dor&3-FAKE', (s) => `password = "${s}"`),
  make('password', 'hunter2FAKE', (s) => `db: { host: db1, passwd: ${s} }`),
  make('secret_assignment', '9f8e7d6c5b4a3FAKE281706f5e4d3c2b', (s) => `api_key: ${s}`),
];

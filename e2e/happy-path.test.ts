import { test } from 'node:test';
import { walkProcedure } from './flows/procedure';
import { withConsole } from './support/session';

/* The whole procedure in Debian's Chromium against `embedops serve` (flows/procedure.ts). */

test('happy path: create, import (server path and upload), plan, run, verify PASS, spot-check with a cited span, history', { timeout: 180_000 }, (t) =>
  withConsole(t, 'happy', async (s) => {
    await s.open('#/');
    await walkProcedure({ page: s.page, dir: s.ws.dir, shot: s.shot, diagnostic: (m) => t.diagnostic(m), upload: true });
  }),
);

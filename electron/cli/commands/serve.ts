import { EmbedOpsError, toErrorPayload } from '../../../shared/errors';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer } from '../../server/serve';
import { isLoopbackHost } from '../../server/security';
import { type Command, intOption, stringOption } from '../context';

/** One line per fact; the first is what scripts and tests wait for. */
export function startupLines(s: RunningServer): string[] {
  const lines = [
    `EmbedOps serve listening on ${s.openUrl}`,
    `Database: ${s.database}`,
    s.readOnly ? 'Mode: read-only (commands that change data are refused; verify and spot-check leave no history)' : 'Mode: read-write',
    s.token ? `Token: ${s.token} (required on every request: Authorization: Bearer <token>, or ?token=)` : 'Token: none needed (loopback only: other machines cannot connect)',
  ];
  if (!isLoopbackHost(s.host)) lines.push('Warning: plain HTTP on a network address: use it on a network you trust, and keep the token to the people who should have it.');
  lines.push('Stop with Ctrl-C: runs in progress stop after their batch in flight; continue them with embedops resume RUN.');
  return lines;
}

export const serveCommands: Record<string, Command> = {
  serve: {
    usage: 'embedops serve [--port 4780] [--host 127.0.0.1] [--read-only] [--token T]',
    summary: 'the console and its API for a browser over HTTP + SSE (loopback by default; other hosts need a token)',
    async run(ctx) {
      if (ctx.json) throw new EmbedOpsError('usage', 'serve prints its address as text lines (the first starts with "EmbedOps serve listening on"); run it without --json.');
      if (ctx.args.length) throw new EmbedOpsError('usage', `serve takes no arguments (got "${ctx.args.join(' ')}"). Usage: ${this.usage}`);
      const server = await startServer({
        port: intOption(ctx, 'port', DEFAULT_PORT),
        host: stringOption(ctx, 'host') ?? DEFAULT_HOST,
        readOnly: ctx.options['read-only'] === true,
        token: stringOption(ctx, 'token'),
        dbPath: stringOption(ctx, 'db'),
        env: process.env,
        onError: (err) => {
          ctx.stderr.write(`serve: ${toErrorPayload(err).message}\n`);
          if (process.env.EMBEDOPS_DEBUG) ctx.stderr.write(`${(err as Error).stack}\n`);
        },
      });
      process.stdout.write(startupLines(server).join('\n') + '\n');
      // Ctrl-C arrives through ctx.signal (the CLI's SIGINT handler); a service manager sends SIGTERM.
      let onTerm = () => {};
      await new Promise<void>((resolve) => {
        onTerm = resolve;
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        process.once('SIGTERM', onTerm);
      });
      process.off('SIGTERM', onTerm);
      const live = server.jobs.liveRuns();
      const stopped: number[] = [];
      server.jobs.on('run/finished', (run) => {
        if (run.status !== 'completed') stopped.push(run.id);
      });
      ctx.stderr.write(live.length ? `Shutting down: run(s) ${live.map((id) => `#${id}`).join(', ')} stop after their batch in flight…\n` : 'Shutting down…\n');
      await server.close();
      const resume = stopped.length ? ` Continue with: ${stopped.map((id) => `embedops resume ${id}`).join('; ')}` : '';
      return { data: { stopped: true, url: server.url, stoppedRuns: stopped }, text: `EmbedOps serve stopped.${resume}` };
    },
  },
};

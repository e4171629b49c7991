import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../../electron/testing/harness';

export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code (null when it had to be killed after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/** Starts `embedops serve --port 0` in a child process and waits for the URL it prints. */
export function startServe(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /EmbedOps serve listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          proc,
          output: () => out,
          stop: (graceMs = 20_000) =>
            new Promise((r) => {
              if (proc.exitCode !== null || proc.signalCode !== null) return r(proc.exitCode);
              // A server that does not stop within the grace period is killed, and reads as exit null.
              const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs);
              proc.once('exit', (code) => {
                clearTimeout(kill);
                r(code);
              });
              proc.kill('SIGTERM');
            }),
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

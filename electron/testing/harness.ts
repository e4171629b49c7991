/**
 * Test helpers: real temp folders, real SQLite files, real models built on the spot, and the real
 * CLI in a child process. Nothing here is a mock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { buildRandomStaticModel } from '../models/test-models';
import { openEngine, type Engine } from '../engine';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'bin', 'embedops.js');
export const SAMPLE_CORPUS = join(ROOT, 'resources', 'sample-corpus');

/** A temp folder removed when the test file ends. */
export function tempDir(prefix = 'embedops-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Words of the generated corpus; the test model knows them all, so every text embeds to a meaningful vector. */
export const CORPUS_WORDS = (
  'wing lift drag flow pressure boundary layer heat transfer shock wave mach number turbulent laminar ' +
  'velocity surface temperature nozzle jet engine blade rotor stress plate shell buckling vibration ' +
  'load panel cylinder cone sphere body nose tail fin control stability model tunnel test experiment ' +
  'theory solution equation method analysis results data measured computed compared found shown ' +
  'hypersonic supersonic subsonic viscous inviscid compressible incompressible separation transition'
).split(' ');

/** A deterministic corpus of `n` documents as JSONL ({id, title, text}); `words` per document. */
export function writeCorpus(file: string, n: number, words = 120, seed = 7): string {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const ws = Array.from({ length: words }, (_, j) => CORPUS_WORDS[Math.floor(rnd() * CORPUS_WORDS.length)]! + (j % 15 === 14 ? ' .' : ''));
    lines.push(JSON.stringify({ id: `doc-${i}`, title: `${ws.slice(0, 4).join(' ')}`, text: ws.join(' ') }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Builds a small random static model (see models/test-models) in `<dir>/<name>`. */
export function testModel(dir: string, name = 'test-model', dim = 16): string {
  const modelDir = join(dir, name);
  mkdirSync(modelDir, { recursive: true });
  buildRandomStaticModel(modelDir, { dim, words: CORPUS_WORDS, name });
  return modelDir;
}

/** A scratch workspace: a database path and a model folder, with the environment that points at them. */
export function workspace(dim = 16): { dir: string; db: string; model: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const model = testModel(join(dir, 'models'), 'test-model', dim);
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDOPS_DB: join(dir, 'db.sqlite'), EMBEDOPS_MODELS: join(dir, 'models'), XDG_CONFIG_HOME: join(dir, 'config') };
  return { dir, db: join(dir, 'db.sqlite'), model, env };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed when --json was given. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** `as` runs the child under another user id (tests run as root in CI, and root ignores file modes). */
export function startCli(args: string[], env: NodeJS.ProcessEnv, as?: { uid: number; gid: number }): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], ...as });
}

/** Runs the real CLI in a child process. */
export function cli(args: string[], env: NodeJS.ProcessEnv, as?: { uid: number; gid: number }): Promise<CliResult> {
  const child = startCli(args, env, as);
  return collect(child, args.includes('--json'));
}

export function collect(child: ChildProcess, json: boolean): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolvePromise) => {
    child.on('close', (code, signal) => {
      let parsed: unknown = undefined;
      if (json && stdout.trim()) {
        try {
          parsed = JSON.parse(stdout);
        } catch {
          parsed = { unparsable: stdout };
        }
      }
      resolvePromise({ code, signal, stdout, stderr, json: parsed });
    });
  });
}

/** An engine on the workspace's database, closed when the test file ends. */
export function engineFor(ws: { db: string; env: NodeJS.ProcessEnv }, readonly = false): Engine {
  const engine = openEngine({ dbPath: ws.db, env: ws.env, readonly });
  after(() => engine.close());
  return engine;
}

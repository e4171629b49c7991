import { EmbedOpsError } from '../../../shared/errors';
import type { ModelImportReport, ModelInfo, ModelListReport, ModelShowReport, ModelVerifyReport } from '../../../shared/models';
import type { ModelDtype } from '../../../shared/types';
import { importModel, listModels, showModel, verifyModel } from '../../services/models';
import { type Command, type CommandContext, oneOf, requireArgs, stringOption } from '../context';
import { table } from '../format';

// Model commands work on folders only: none of them opens the database (ctx.engine() is never called),
// so they run before any database exists and on a machine where it is locked or read-only.

function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

function dtypeOption(ctx: CommandContext): ModelDtype | undefined {
  const raw = stringOption(ctx, 'dtype');
  return raw === undefined ? undefined : oneOf<ModelDtype>(raw, ['fp32', 'q8'], '--dtype');
}

function listText(r: ModelListReport): string {
  const lines: string[] = [];
  if (r.models.length) {
    lines.push(
      table(
        ['model', 'source', 'variants', 'size', 'max tokens', 'dim (declared)', 'type', 'license', 'status'],
        r.models.map((m) => [
          m.name,
          m.source,
          m.variants.map((v) => v.dtype).join(',') || '—',
          fmtBytes(m.sizeBytes),
          m.maxTokens ?? '—',
          m.declaredDimension ?? '—',
          m.modelType ?? '—',
          m.license?.name ?? '—',
          m.problems.length ? `incomplete (embedops models show ${m.name})` : 'ok',
        ]),
      ),
    );
  } else {
    lines.push('No models found. Import a model folder with: embedops models import FOLDER (or set EMBEDOPS_MODELS to the folder holding it).');
  }
  for (const s of r.shadowed) lines.push(`note: ${s.dir} (${s.source}) is hidden by ${s.shadowedBy}: --model ${s.name} loads the first one in the search path.`);
  lines.push('', 'Search path (first match wins):');
  for (const root of r.searchPath) {
    lines.push(`  ${root.source.padEnd(7)} ${root.dir}  ${root.exists ? `(${root.models} model${root.models === 1 ? '' : 's'})` : '(does not exist)'}`);
    if (root.note) lines.push(`          note: ${root.note}`);
  }
  return lines.join('\n');
}

function infoLines(m: ModelInfo): string[] {
  const lines = [
    `Model ${m.name} (${m.source})`,
    `  folder       ${m.dir}`,
    `  type         ${m.modelType ?? 'unknown'}${m.license ? ` · license ${m.license.name} (from ${m.license.from})` : ''}`,
    `  max tokens   ${m.maxTokens ?? 'not declared'}`,
    `  declared dim ${m.declaredDimension ?? 'not declared'} (config.json hidden_size)`,
    `  size         ${fmtBytes(m.sizeBytes)}`,
  ];
  if (!m.variants.length) lines.push('  variants     none');
  for (const v of m.variants) lines.push(`  ${v.dtype.padEnd(12)} ${v.file} (${fmtBytes(v.bytes)}) ${v.fingerprint}`);
  for (const s of m.shadows) lines.push(`  hides        ${s.dir} (${s.source})`);
  for (const p of m.problems) lines.push(`problem: ${p}`);
  return lines;
}

function showText(r: ModelShowReport): string {
  const lines = infoLines(r.model);
  if (!r.probe) lines.push('  probed dim   not probed: the folder is incomplete');
  else if (r.probe.ok) lines.push(`  probed dim   ${r.probe.dimension} (${r.probe.dtype}, loaded in ${r.probe.loadMs} ms; reads up to ${r.probe.maxTokens} tokens)`);
  else lines.push(`  probed dim   failed to load (${r.probe.dtype}): ${r.probe.error}`, `Check it with: embedops models verify ${r.model.name}`);
  return lines.join('\n');
}

function verifyText(r: ModelVerifyReport): string {
  const lines = [`${r.status}  ${r.model.name}  (${r.model.dir})`];
  for (const p of r.model.problems) lines.push(`  FAIL  folder: ${p}`);
  if (r.manifest.checked) {
    lines.push(r.manifest.mismatched.length ? `  FAIL  files: ${r.manifest.mismatched.join(', ')} differ from embedops-model.json — copy the folder again` : '  ok    files match embedops-model.json');
  }
  for (const v of r.variants) {
    lines.push('', `  ${v.dtype}${v.fingerprint ? `  ${v.fingerprint}` : ''}${v.dimension !== null ? `  ${v.dimension}-d` : ''}${v.loadMs !== null ? `  load ${v.loadMs} ms` : ''}`);
    for (const c of v.checks) lines.push(`    ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

function importText(r: ModelImportReport): string {
  const lines = [`Imported ${r.from} as ${r.model.name}: ${r.files} files, ${fmtBytes(r.bytes)} → ${r.to}`];
  for (const v of r.model.variants) lines.push(`  ${v.dtype.padEnd(5)} ${v.fingerprint}`);
  if (r.skipped.length) lines.push(`  not copied: ${r.skipped.join(', ')}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  lines.push(`Use it with: embedops collections create NAME --model ${r.model.name}`);
  return lines.join('\n');
}

export const modelsCommands: Record<string, Command> = {
  'models list': {
    usage: 'embedops models list',
    summary: 'model folders in the search path: variants, size, max tokens, license, problems (nothing loaded)',
    readsOnly: true,
    async run() {
      const r = await listModels(process.env);
      return { data: r, text: listText(r) };
    },
  },
  'models show': {
    usage: 'embedops models show MODEL [--dtype fp32|q8]',
    summary: 'one model in detail, with its dimension probed by loading it',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const r = await showModel(ctx.args[0]!, { env: process.env, dtype: dtypeOption(ctx) });
      return { data: r, text: showText(r) };
    },
  },
  'models import': {
    usage: 'embedops models import FOLDER [NAME]',
    summary: 'copy a complete model folder into the user models folder (refuses to overwrite)',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      if (ctx.args.length > 2) throw new EmbedOpsError('usage', `Too many arguments. Usage: ${this.usage}`);
      // `--name` is read too, for when the CLI's option table learns it.
      const name = ctx.args[1] ?? stringOption(ctx, 'name');
      const r = await importModel(ctx.args[0]!, { name, env: process.env });
      return { data: r, text: importText(r) };
    },
  },
  'models verify': {
    usage: 'embedops models verify MODEL [--dtype fp32|q8]',
    summary: 'load offline, probe, embed sample texts, check finite unit vectors and file hashes; exit 4 on FAIL',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const r = await verifyModel(ctx.args[0]!, { env: process.env, dtype: dtypeOption(ctx) });
      return { data: r, text: verifyText(r), exitCode: r.status === 'PASS' ? 0 : 4 };
    },
  },
  models: {
    usage: 'embedops models list|show|import|verify …',
    summary: 'manage model folders (see the four commands above)',
    readsOnly: true,
    async run(ctx) {
      const sub = ctx.args[0];
      throw new EmbedOpsError('usage', `${sub ? `Unknown models command "${sub}"` : 'No models command given'}. Use: embedops models list|show MODEL|import FOLDER [NAME]|verify MODEL`);
    },
  },
};

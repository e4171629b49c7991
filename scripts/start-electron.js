#!/usr/bin/env node
// `npm start`: launches the desktop console, or says exactly what to do when it cannot.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const fail = (msg) => {
  process.stderr.write(msg + '\n');
  process.exit(4);
};

if (!existsSync(join(root, 'dist', 'electron', 'shell', 'main.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  fail('The app is not built yet. Run `npm install` (or `npm run build`) first.');
}

// Electron ≥ 45 downloads its binary on first launch; requiring the package would start that
// download, which fails on an offline machine. Look for the binary instead.
const pkg = join(root, 'node_modules', 'electron');
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
let binary = null;
if (override) binary = join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
else if (existsSync(join(pkg, 'path.txt'))) binary = join(pkg, 'dist', readFileSync(join(pkg, 'path.txt'), 'utf8').trim());
if (!binary || !existsSync(binary)) {
  fail(
    [
      'The Electron binary is not installed, so the desktop window cannot start.',
      '  - On a machine with internet access, run `npx electron --version` once in this folder: it downloads the binary.',
      '  - Offline: copy an Electron ' + require(join(pkg, 'package.json')).version + ' build for this platform and set ELECTRON_OVERRIDE_DIST_PATH to its folder.',
      '  - Or use the same console in a browser, no Electron needed: npm run serve',
    ].join('\n'),
  );
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

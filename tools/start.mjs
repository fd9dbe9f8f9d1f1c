#!/usr/bin/env node
// `npm start`: installs what is missing (npm packages, the embedded database program, the compiled
// app), then runs the bot in the foreground. Every step is skipped when already done, so a second
// start is quick. Set MONGODB_URI to use your own MongoDB/Atlas instead of the embedded database.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const step = (msg) => console.error(`[start] ${msg}`);

const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
  step('installing npm packages (npm ci)…');
  execFileSync(npm, ['ci'], { cwd: root, stdio: 'inherit' });
}

if (!process.env.MONGODB_URI) {
  const { buildFerretdb } = await import('./build-ferretdb.mjs');
  try {
    buildFerretdb();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

step('compiling…');
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'app', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

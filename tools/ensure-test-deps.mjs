#!/usr/bin/env node
// Run by `npm test` before jest: builds the embedded database program when it is not cached yet
// (unless MONGODB_URI points at a server), and installs Debian's chromium for the browser test
// when it is missing and we may (root, apt-get present). Prints what it did.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildFerretdb } from './build-ferretdb.mjs';

if (!process.env.MONGODB_URI) {
  try {
    buildFerretdb();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium) && process.env.WBBSI_SKIP_BROWSER_INSTALL !== '1') {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (isRoot && hasApt) {
    console.error('Installing Debian chromium for the console browser test (once)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(`chromium not found at ${chromium}: the console browser test will fail. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
}

/* global process */
// Preloaded into a child process by tests (`node --import ./test/support/loaded-packages.mjs …`):
// when the process exits, writes the npm packages it loaded, sorted, to $WBBSI_LOADED_PACKAGES_FILE.
// Everything the app loads is CommonJS (tsconfig "module": "commonjs"), so require's cache holds it all.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(cache)) {
    const names = [...file.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
    if (names.length) packages.add(names[names.length - 1][1]);
  }
  writeFileSync(process.env.WBBSI_LOADED_PACKAGES_FILE, JSON.stringify([...packages].sort()));
});

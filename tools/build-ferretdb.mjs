#!/usr/bin/env node
// Builds the embedded database program (tools/ferretdb) once and caches the binary in .cache/ferretdb,
// keyed by a hash of its sources, so a changed go.mod or Go file triggers a rebuild and nothing else does.
// Prints the binary's path on stdout. Plain Node, no dependencies: it runs before `npm install` matters.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'tools', 'ferretdb');

export function ferretdbBinaryPath() {
  const hash = createHash('sha256');
  const goFiles = readdirSync(src).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort();
  for (const f of ['go.mod', 'go.sum', ...goFiles]) hash.update(f).update(readFileSync(join(src, f)));
  return join(root, '.cache', 'ferretdb', `wbbsi-ferretdb-${hash.digest('hex').slice(0, 12)}`);
}

export function buildFerretdb({ quiet = false } = {}) {
  const out = ferretdbBinaryPath();
  if (existsSync(out)) return out;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(
      'Go is needed to build the embedded database (FerretDB 1.24.2) and was not found on PATH.\n' +
        'Install Go 1.22 or later (Debian: `apt-get install golang`, or https://go.dev/dl), ' +
        'or set MONGODB_URI to use an existing MongoDB or Atlas server instead.',
    );
  }
  mkdirSync(dirname(out), { recursive: true });
  if (!quiet) console.error('Building the embedded database (FerretDB 1.24.2) once; this takes a few minutes…');
  const tmp = `${out}.tmp-${process.pid}`;
  // Go's progress (a `go: downloading …` line per module) is kept back and shown only if the build fails.
  const build = spawnSync('go', ['build', '-trimpath', '-o', tmp, '.'], {
    cwd: src,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
  });
  if (build.error || build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim();
    throw new Error(
      `Building the embedded database failed (go build in tools/ferretdb${build.error ? `: ${build.error.message}` : `, exit code ${build.status}`}).\n` +
        `${output ? `${output}\n` : ''}` +
        'Check that Go 1.22 or later can reach its module proxy, or set MONGODB_URI to use an existing MongoDB or Atlas server instead.',
    );
  }
  renameSync(tmp, out);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(buildFerretdb());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/support/project-root';

/**
 * The embedded database program's own test (tools/ferretdb/idindex_test.go), run by `npm test` so CI
 * covers it: it starts FerretDB as shipped and ours on one folder, creates collections before and
 * after ours starts (in an existing and a new database), and checks with EXPLAIN QUERY PLAN that
 * FerretDB's find, update and delete by `_id` SEARCH our index instead of scanning the table; then
 * that FerretDB as shipped still reads and writes the files. Same build flags as
 * tools/build-ferretdb.mjs (CGO off, -trimpath), so Go reuses the compiled FerretDB packages.
 */
describe('embedded FerretDB: _id index on every collection', () => {
  it('passes the Go test of tools/ferretdb', async () => {
    const cwd = join(projectRoot(), 'tools', 'ferretdb');
    const run = promisify(execFile);
    const { stdout } = await run('go', ['test', '-trimpath', '-count=1', '-v', './...'], {
      cwd,
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
      maxBuffer: 1 << 24,
      timeout: 14 * 60_000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`go test failed:\n${err.stdout ?? ''}\n${err.stderr ?? err.message}`);
    });
    expect(stdout).toMatch(/^--- PASS: TestIDIndexCoversEveryCollection/m);
    expect(stdout).toMatch(/^ok\s+wbbsi-bot\/tools\/ferretdb/m);
  }, 15 * 60_000);
});

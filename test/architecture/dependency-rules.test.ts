import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * `npm run lint` runs dependency-cruiser with .dependency-cruiser.cjs over the real tree (and must
 * find nothing). This shows the rules bite: a small tree with one breach of each is refused, rule by rule.
 */
describe('dependency rules', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wbbsi-deps-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', strict: true } }),
      'src/db/models/record.model.ts': 'export const recordModel = 1;\n',
      'src/reports/a.ts': "import { recordModel } from '../db/models/record.model';\nimport { b } from './b';\nexport const a = () => recordModel + b();\n",
      'src/reports/b.ts': "import { a } from './a';\nexport const b = () => 1 + Number(Boolean(a));\n",
      'src/meetings/m.ts': "import { a } from '../reports/a';\nexport const m = a;\n",
      'src/conversation/c.ts': "import { s } from '../../adapters/slack/s';\nimport { m } from '../meetings/m';\nexport const c = [s, m];\n",
      'adapters/slack/s.ts': 'export const s = 1;\n',
      'adapters/teams/t.ts': "import { s } from '../slack/s';\nimport { main } from '../../app/main';\nexport const t = [s, main];\n",
      'app/main.ts': 'export const main = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuse cycles, the core importing an adapter, models outside src/db, adapters importing each other, feature internals', async () => {
    const bin = join(root, 'node_modules', '.bin', 'depcruise');
    const out = await run(bin, ['src', 'adapters', 'app', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: dir }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const found = report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'adapters-only-use-the-core: adapters/teams/t.ts → adapters/slack/s.ts',
      'composition-root-on-top: adapters/teams/t.ts → app/main.ts',
      'core-is-platform-neutral: src/conversation/c.ts → adapters/slack/s.ts',
      'features-keep-to-themselves: src/meetings/m.ts → src/reports/a.ts',
      'mongoose-models-in-db-only: src/reports/a.ts → src/db/models/record.model.ts',
      'no-cycles: src/reports/a.ts → src/reports/b.ts',
      'shared-layers-below-features: src/conversation/c.ts → src/meetings/m.ts',
    ]);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(|require\()['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('the core (src/) never imports a platform SDK, adapters or jobs', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      for (const spec of importsOf(file)) {
        if (/^(@slack\/|botbuilder|@microsoft\/|node-cron$|express$)/.test(spec) || /(^|\/)(adapters|jobs)\//.test(spec))
          offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only one file imports node-cron, and it is under jobs/', () => {
    const all = ['app', 'src', 'adapters', 'jobs'].flatMap((d) => sources(join(root, d)));
    const users = all.filter((f) => importsOf(f).includes('node-cron')).map((f) => relative(root, f));
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^jobs\//);
  });

  it('Slack code stays in adapters/slack and Teams code in adapters/teams', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'adapters'))) {
      const rel = relative(root, file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('@slack/') && !rel.startsWith(join('adapters', 'slack'))) offenders.push(`${rel} imports ${spec}`);
        if (/^(botbuilder|@microsoft\/)/.test(spec) && !rel.startsWith(join('adapters', 'teams'))) offenders.push(`${rel} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The project folder, whether we run from src/ (tsx, jest) or from dist/src/ (built). */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tools', 'ferretdb')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the wbbsi-bot project folder (package.json)');
    dir = up;
  }
  cached = dir;
  return dir;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import template from './manifest.template.json';

/*
 * Builds the Teams app package (manifest.json + color.png + outline.png, zipped at the root) that an
 * admin uploads in the Teams admin centre or with "Upload a custom app".
 *
 * Schema v1.17 caps each command list at 10 commands and we have 11, so the template splits them by
 * where they make sense: "nothing new" (an organisation's own nil return) is only in the personal menu,
 * "meeting" (summaries go to the channel) only in the team/group chat menu. The menus are hints: every
 * command is understood in every scope.
 */

export type TeamsManifest = typeof template;

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (Azure Bot registration); Teams wants it to be a GUID. */
  appId?: string;
  /** Where the bot is reachable; its host becomes the manifest's valid domain. */
  publicUrl?: string;
  /** Allow a package without a real app id, for sideloading trials. */
  local?: boolean;
  /** App version; Teams only accepts an updated package when this goes up. */
  version?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  /** Non-fatal problems (placeholder id, no public URL); silent when not given. */
  warn?: (message: string) => void;
}

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

export const LOCAL_PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const DEFAULT_DEVELOPER_URL = 'https://www.rcc.int/';
export const DEFAULT_OUT = 'build/wbbsi-teams-app.zip';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const ACCENT: Rgb = [0x1f, 0x4e, 0x79]; // keep in step with accentColor in the template

export function buildManifest(opts: TeamsPackageOptions): TeamsManifest {
  const warn = opts.warn ?? (() => undefined);
  const version = opts.version ?? '1.0.0';
  if (!SEMVER.test(version)) throw new TeamsPackageError(`Version "${version}" is not MAJOR.MINOR.PATCH`);

  const values: Record<string, string> = {
    MicrosoftAppId: resolveAppId(opts.appId, opts.local ?? false, warn),
    AppVersion: version,
    WebsiteUrl: httpsUrl('websiteUrl', opts.websiteUrl),
    PrivacyUrl: httpsUrl('privacyUrl', opts.privacyUrl),
    TermsOfUseUrl: httpsUrl('termsOfUseUrl', opts.termsOfUseUrl),
    PublicHost: publicHost(opts.publicUrl, warn),
  };
  // Substituting in the serialised text keeps the template the only description of the manifest's
  // shape; each value is JSON-escaped so a quote in a URL cannot break the document.
  const filled = JSON.stringify(template).replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new TeamsPackageError(`Unknown placeholder ${whole} in manifest.template.json`);
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as TeamsManifest;
  manifest.validDomains = manifest.validDomains.filter((d) => d !== '');
  return manifest;
}

function resolveAppId(appId: string | undefined, local: boolean, warn: (m: string) => void): string {
  const id = appId?.trim() ?? '';
  if (GUID.test(id)) return id;
  if (local) {
    warn(
      `No valid MicrosoftAppId${id ? ` ("${id}")` : ''}: using the placeholder ${LOCAL_PLACEHOLDER_APP_ID}. ` +
        'This package is for local trials only; Teams cannot reach a bot with this id.',
    );
    return LOCAL_PLACEHOLDER_APP_ID;
  }
  throw new TeamsPackageError(
    id
      ? `MicrosoftAppId "${id}" is not a GUID. Teams needs the bot's Application (client) ID from its ` +
          'Azure Bot registration, e.g. 6f1c2a3b-aad0-4c5d-9e8f-0123456789ab (or pass --local for a trial package).'
      : 'MicrosoftAppId is not set. Set it (or pass --app-id) to the Application (client) ID of the Azure Bot ' +
          'registration, or pass --local for a trial package.',
  );
}

function httpsUrl(field: string, url: string | undefined): string {
  const value = url?.trim() || DEFAULT_DEVELOPER_URL;
  if (!/^https:\/\//i.test(value)) throw new TeamsPackageError(`developer.${field} must be an https URL, got "${value}"`);
  return value;
}

function publicHost(publicUrl: string | undefined, warn: (m: string) => void): string {
  if (!publicUrl?.trim()) {
    warn('PUBLIC_URL is not set: the manifest lists no valid domain.');
    return '';
  }
  try {
    // Teams wants a bare host name in validDomains: no scheme, no port, no path.
    return new URL(publicUrl.trim()).hostname;
  } catch {
    throw new TeamsPackageError(`PUBLIC_URL "${publicUrl}" is not a URL (expected e.g. https://bot.example.org)`);
  }
}

// ---- Icons, drawn pixel by pixel so the build needs no image files or fonts. ----

type Rgb = readonly [number, number, number];

// 5×7 bitmaps of the letters W and B.
const GLYPHS: readonly (readonly string[])[] = [
  ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '##.##', '#...#'],
  ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
];

/** 192×192: white "WB" on an accent-coloured rounded square, transparent outside the corners. */
export function colorIcon(): Buffer {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const radius = 36;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      setPixel(png, x, y, ACCENT, Math.round(255 * roundedSquareCoverage(x, y, size, radius)));
    }
  }
  drawLetters(png, 12, (x, y) => setPixel(png, x, y, [255, 255, 255], 255));
  return PNG.sync.write(png);
}

/** 32×32: white "WB" on full transparency, the only colours Teams accepts in an outline icon. */
export function outlineIcon(): Buffer {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  // Transparent pixels are white too, so a tool that ignores alpha still sees only white.
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) setPixel(png, x, y, [255, 255, 255], 0);
  drawLetters(png, 2, (x, y) => setPixel(png, x, y, [255, 255, 255], 255));
  return PNG.sync.write(png);
}

/** Draws the glyphs scaled by `scale`, one glyph-cell apart, centred in the image. */
function drawLetters(png: PNG, scale: number, plot: (x: number, y: number) => void): void {
  const glyphWidth = 5 * scale;
  const totalWidth = GLYPHS.length * glyphWidth + (GLYPHS.length - 1) * scale;
  const left = Math.floor((png.width - totalWidth) / 2);
  const top = Math.floor((png.height - 7 * scale) / 2);
  GLYPHS.forEach((rows, g) => {
    const gx = left + g * (glyphWidth + scale);
    rows.forEach((row, r) => {
      [...row].forEach((cell, c) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) plot(gx + c * scale + dx, top + r * scale + dy);
      });
    });
  });
}

/** Share of the pixel inside the rounded square, sampled 4×4, so the corners are smooth. */
function roundedSquareCoverage(x: number, y: number, size: number, radius: number): number {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(px, radius), size - radius);
      const cy = Math.min(Math.max(py, radius), size - radius);
      if ((px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2) inside++;
    }
  }
  return inside / 16;
}

function setPixel(png: PNG, x: number, y: number, [r, g, b]: Rgb, alpha: number): void {
  const i = (png.width * y + x) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = alpha;
}

// ---- The package. ----

// A fixed timestamp makes the zip depend only on its contents, so rebuilding an unchanged app gives
// the same bytes.
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export async function buildTeamsPackage(opts: TeamsPackageOptions): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(buildManifest(opts), null, 2)}\n`, { date: ZIP_DATE });
  zip.file('color.png', colorIcon(), { date: ZIP_DATE });
  zip.file('outline.png', outlineIcon(), { date: ZIP_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---- Command line: `npm run teams:package [-- --app-id ID --public-url URL --out FILE --local]`. ----

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'app-id': { type: 'string' },
      'public-url': { type: 'string' },
      out: { type: 'string' },
      'app-version': { type: 'string' },
      local: { type: 'boolean', default: false },
    },
  });
  // This build tool reads the environment itself: it runs outside the app, and loadConfig would ask
  // for runtime settings (database, secrets) the package does not need.
  const zip = await buildTeamsPackage({
    appId: values['app-id'] ?? env.MicrosoftAppId,
    publicUrl: values['public-url'] ?? env.PUBLIC_URL,
    local: values.local,
    version: values['app-version'] ?? env.TEAMS_APP_VERSION,
    websiteUrl: env.TEAMS_WEBSITE_URL,
    privacyUrl: env.TEAMS_PRIVACY_URL,
    termsOfUseUrl: env.TEAMS_TERMS_URL,
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  const out = resolve(values.out ?? DEFAULT_OUT);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(`${out}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).catch((err: unknown) => {
    console.error(`teams:package: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}

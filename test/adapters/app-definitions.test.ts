import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { parse } from 'yaml';
import {
  buildManifest,
  buildTeamsPackage,
  LOCAL_PLACEHOLDER_APP_ID,
  TeamsPackageError,
  type TeamsManifest,
} from '../../adapters/teams/package/build-package';

const APP_ID = '6f1c2a3b-aad0-4c5d-9e8f-0123456789ab';
const COMMANDS = ['help', 'update', 'need', 'response', 'nothing new', 'mine', 'status', 'report', 'meeting', 'products', 'consult'];

interface Unzipped {
  names: string[];
  manifest: TeamsManifest;
  color: PNG;
  outline: PNG;
}

async function unzip(zipBytes: Buffer): Promise<Unzipped> {
  const zip = await JSZip.loadAsync(zipBytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is missing from the package`);
    return file.async('nodebuffer');
  };
  return {
    names: Object.keys(zip.files).sort(),
    manifest: JSON.parse((await read('manifest.json')).toString('utf8')) as TeamsManifest,
    color: PNG.sync.read(await read('color.png')),
    outline: PNG.sync.read(await read('outline.png')),
  };
}

describe('Teams app package', () => {
  let pkg: Unzipped;

  beforeAll(async () => {
    pkg = await unzip(await buildTeamsPackage({ appId: APP_ID, publicUrl: 'https://bot.example.org:8443/base' }));
  });

  it('holds the manifest and both icons at the zip root', () => {
    expect(pkg.names).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has the top-level fields schema 1.17 requires', () => {
    const m = pkg.manifest;
    expect(m.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(m.manifestVersion).toBe('1.17');
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.id).toBe(APP_ID);
    expect(m.developer).toEqual({
      name: 'IISG Secretariat',
      websiteUrl: expect.stringMatching(/^https:\/\//),
      privacyUrl: expect.stringMatching(/^https:\/\//),
      termsOfUseUrl: expect.stringMatching(/^https:\/\//),
    });
    expect(m.name.short).toBe('WBBSi Support Group');
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(m.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(m.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(m.validDomains).toEqual(['bot.example.org']);
    expect(JSON.stringify(m)).not.toContain('{{');
  });

  it('keeps names and descriptions within the schema limits', () => {
    expect(pkg.manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(pkg.manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(pkg.manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('declares the bot with its scopes and command lists', () => {
    const bot = pkg.manifest.bots[0];
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(true); // the Secretariat sends spreadsheets to import in the personal chat
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists.flatMap((l) => l.scopes)).toEqual(expect.arrayContaining(['personal', 'team']));
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10); // the 1.17 cap per list
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    const titles = new Set(bot.commandLists.flatMap((l) => l.commands.map((c) => c.title)));
    expect([...titles].sort()).toEqual([...COMMANDS].sort());
  });

  it('draws a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    expect([pkg.color.width, pkg.color.height]).toEqual([192, 192]);
    expect([pkg.outline.width, pkg.outline.height]).toEqual([32, 32]);
    const d = pkg.outline.data;
    let white = 0;
    for (let i = 0; i < d.length; i += 4) {
      const alpha = d[i + 3];
      if (alpha === 0) continue;
      expect([d[i], d[i + 1], d[i + 2]]).toEqual([255, 255, 255]);
      white++;
    }
    expect(white).toBeGreaterThan(50); // something is actually drawn
  });

  it('refuses an app id that is not a GUID, naming the problem', async () => {
    await expect(buildTeamsPackage({ appId: 'wbbsi-bot' })).rejects.toThrow(TeamsPackageError);
    expect(() => buildManifest({ appId: 'wbbsi-bot' })).toThrow(/"wbbsi-bot" is not a GUID/);
    expect(() => buildManifest({})).toThrow(/MicrosoftAppId is not set/);
  });

  it('with local, uses the placeholder GUID and warns', () => {
    const warnings: string[] = [];
    const m = buildManifest({ local: true, warn: (w) => warnings.push(w) });
    expect(m.id).toBe(LOCAL_PLACEHOLDER_APP_ID);
    expect(m.bots[0].botId).toBe(LOCAL_PLACEHOLDER_APP_ID);
    expect(m.validDomains).toEqual([]);
    expect(warnings.join('\n')).toMatch(/placeholder 00000000-0000-0000-0000-000000000000/);
    expect(warnings.join('\n')).toMatch(/PUBLIC_URL is not set/);
  });
});

/** The parts of Slack's manifest format this test reads. */
interface SlackManifest {
  features: {
    app_home: Record<string, boolean>;
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: { command: string; url: string; description: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

describe('Slack app manifest', () => {
  const yamlText = readFileSync(join(__dirname, '../../adapters/slack/manifest.yaml'), 'utf8');
  const manifest = parse(yamlText) as SlackManifest;

  it('declares /wbbsi on the shared request URL, with every subcommand in its hint', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: '/wbbsi', url: 'https://YOUR-HOST/slack/events', should_escape: false });
    expect(command.description).toEqual(expect.any(String));
    // Same commands as the Teams menu; Slack subcommands are single words.
    const hinted = command.usage_hint.split('|').map((s) => s.trim());
    expect(hinted.sort()).toEqual(COMMANDS.map((c) => c.replace(' ', '-')).sort());
  });

  it('asks for the bot scopes the bot uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        'commands', 'chat:write', 'chat:write.public', 'im:write', 'im:history', 'im:read',
        'users:read', 'files:write', 'files:read', 'channels:read', 'groups:read', 'app_mentions:read',
      ].sort(),
    );
  });

  it('subscribes to the events and interactivity on /slack/events, with App Home on', () => {
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://YOUR-HOST/slack/events',
      bot_events: ['app_home_opened', 'message.im', 'app_mention'],
    });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
    expect(manifest.features.bot_user.always_online).toBe(true);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });
});

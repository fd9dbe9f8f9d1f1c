import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, InsecureExposureError } from '../../app/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/support/logger';
import { testServerUri, uniqueDbName } from '../support/test-db';
import { startAppProcess } from './app-process';

/**
 * Finding 1 (safe defaults): a fresh start exposes nobody. Outside production the server listens on
 * loopback unless HOST is set; HOST on another address while the console (no login) or Teams local
 * mode (no authentication) is on stops the app with a message naming the risk, unless
 * ALLOW_INSECURE_TRIAL=true (then it starts and says so in the log).
 */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** Whether a TCP connection to host:port is accepted. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

describe('safe defaults: who can reach a fresh start', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'wbbsi-safe-'));
    dirs.push(d);
    return d;
  };
  const uri = () => testServerUri().replace(/\/(\?|$)/, `/${uniqueDbName('safe')}$1`);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('listens on 127.0.0.1 when HOST is not set (the console and Teams local mode are on)', async () => {
    const config = loadConfig({ PORT: '0', MONGODB_URI: uri(), DATA_DIR: dataDir(), SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' });
    expect(config).toMatchObject({ consoleEnabled: true, teams: { localMode: true } });
    const app = await createApp({ config, logger: silentLogger });
    await app.start();
    try {
      expect(app.host).toBe('127.0.0.1');
      expect(await reachable('127.0.0.1', app.port)).toBe(true);
      // From the machine's own network address, as a neighbour on the network would come in.
      if (externalAddress) expect(await reachable(externalAddress, app.port)).toBe(false);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start on a network address while Teams local mode is on, naming the risk', async () => {
    const config = loadConfig({ PORT: '0', HOST: '0.0.0.0', CONSOLE_ENABLED: 'false', MONGODB_URI: uri(), DATA_DIR: dataDir(), SCHEDULER_ENABLED: 'false' });
    const app = await createApp({ config, logger: silentLogger });
    try {
      const failure = await app.start().then(() => null, (err: unknown) => err);
      expect(failure).toBeInstanceOf(InsecureExposureError);
      expect((failure as Error).message).toMatch(/HOST=0\.0\.0\.0 makes Teams local mode \(TEAMS_LOCAL_MODE, no Bot Framework authentication\) reachable from the network/);
      expect(app.port).toBe(0); // never listened
    } finally {
      await app.stop();
    }
  });

  it('`npm start` with HOST=0.0.0.0 and the console on stops with a message naming the risk (exit code 2)', async () => {
    const proc = startAppProcess({ HOST: '0.0.0.0', DATA_DIR: dataDir() });
    expect(await proc.exit()).toBe(2);
    const message = proc.stderr();
    expect(message).toMatch(/Refusing to start\. HOST=0\.0\.0\.0 makes the trial console \(CONSOLE_ENABLED, no login\) and Teams local mode/);
    expect(message).toMatch(/anyone who can reach this address could act as anyone in the roster/);
    expect(message).toMatch(/ALLOW_INSECURE_TRIAL=true/);
    expect(proc.stdout()).not.toMatch(/wbbsi-bot is up/);
  });

  it('with ALLOW_INSECURE_TRIAL=true it starts on the network address and logs a loud warning', async () => {
    const proc = startAppProcess({ HOST: '0.0.0.0', ALLOW_INSECURE_TRIAL: 'true', DATA_DIR: dataDir() });
    try {
      const up = JSON.parse(await proc.waitForLine(/wbbsi-bot is up/)) as { host: string; port: number };
      expect(up.host).toBe('0.0.0.0');
      const warning = proc.stdout().split('\n').find((l) => /INSECURE TRIAL/.test(l));
      expect(warning && JSON.parse(warning)).toMatchObject({ level: 40, msg: expect.stringMatching(/^INSECURE TRIAL \(ALLOW_INSECURE_TRIAL=true\): HOST=0\.0\.0\.0 makes the trial console/) });
      expect(await reachable('127.0.0.1', up.port)).toBe(true);
    } finally {
      await proc.stop();
    }
  });
});

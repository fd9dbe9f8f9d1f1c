import type { Config } from '../src/config';

export interface BannerFacts {
  config: Config;
  /** The port the server actually listens on (PORT=0 picks one). */
  port: number;
  database: 'embedded-ferretdb' | 'external';
  colour: boolean;
}

/**
 * What a person who typed `npm start` needs to see once the bot is up: where to open it, where
 * its data is, how to stop it. Printed only to a terminal; logs carry the same facts as JSON.
 */
export function startBanner({ config, port, database, colour }: BannerFacts): string {
  const bold = (s: string) => (colour ? `\u001b[1m${s}\u001b[0m` : s);
  // PUBLIC_URL names the address people use; without it, the port actually bound (PORT=0 picks one).
  const base = process.env.PUBLIC_URL ? config.publicUrl.replace(/\/$/, '') : `http://localhost:${port}`;
  const data = database === 'embedded-ferretdb' ? `${config.dataDir} (embedded database)` : 'your MongoDB (MONGODB_URI)';
  const lines = [
    '',
    `  ${bold('WBBSi bot is running.')}`,
    '',
    config.consoleEnabled ? `  Try it:  ${bold(`${base}/console`)}` : '  Console: off (CONSOLE_ENABLED=false)',
    `  Health:  ${base}/healthz`,
    `  Data:    ${data}`,
    '  Stop:    Ctrl-C',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

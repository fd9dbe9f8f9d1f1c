import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/domain/actor';
import { countryName } from '../../../src/domain/kosovo';
import { exportRoster, importRosterText, RosterInvalidError } from '../../../src/roster/roster.service';
import type { CliCommand } from '../cli-context';

export const rosterCommand: CliCommand = {
  name: 'roster',
  summary: 'import, list or export the roster of organisations and people',
  usage: 'wbbsi roster import FILE | wbbsi roster list | wbbsi roster export FILE',
  async run(args, { core, out, err }) {
    const [sub, file] = args;
    const { store } = core;
    if (sub === 'import' && file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        err(`Cannot read ${file}: ${(e as Error).message}`);
        return 1;
      }
      try {
        const s = await importRosterText(store, SYSTEM_ACTOR, text, file);
        out(`Imported ${file}.`);
        out(`Organisations: ${s.organisations.created} created, ${s.organisations.updated} updated, ${s.organisations.unchanged} unchanged.`);
        out(`People: ${s.people.created} created, ${s.people.updated} updated, ${s.people.unchanged} unchanged.`);
        return 0;
      } catch (e) {
        if (e instanceof RosterInvalidError) {
          err(e.userMessage);
          return 1;
        }
        throw e;
      }
    }
    if (sub === 'list') {
      const orgs = await store.organisations.list();
      const people = await store.people.list();
      for (const o of orgs) {
        const country = o.country ? ` (${countryName(o.country)})` : '';
        out(`${o._id.padEnd(10)} ${o.shortName}${country} — ${o.type}${o.reporting ? '' : ', does not report'}`);
        for (const p of people.filter((x) => x.orgCode === o._id)) {
          const ids = [p.slackId && `Slack ${p.slackId}`, p.teamsId && 'Teams'].filter(Boolean).join(', ');
          const deputy = p.deputyOf ? `, deputy of ${people.find((x) => x._id === p.deputyOf)?.name ?? '?'}` : '';
          out(`    ${p.name} <${p.email}> ${p.role}${deputy}${ids ? ` [${ids}]` : ''}`);
        }
      }
      out(`${orgs.length} organisations, ${people.length} people.`);
      if (orgs.some((o) => o.country === 'XK')) out('* This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.');
      return 0;
    }
    if (sub === 'export' && file) {
      const format = extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
      writeFileSync(file, await exportRoster(store, SYSTEM_ACTOR, format));
      out(`Wrote ${file}.`);
      return 0;
    }
    err(`Usage: ${rosterCommand.usage}`);
    return 2;
  },
};

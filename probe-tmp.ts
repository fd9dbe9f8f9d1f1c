import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from './src/db/embedded-ferretdb';
import { connect } from './src/db/database';
import { silentLogger } from './src/support/logger';
import { generateRecords } from './test/bench/bench-records';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const e = await startEmbeddedDatabase({ dataDir: dir, dbName: 'probe' });
  const db = await connect(e.uri, 'probe', silentLogger);
  let t = Date.now();
  await generateRecords(db.models, 100000, () => undefined);
  console.log('insert', Date.now() - t);
  const col = db.models.records.collection;
  for (const [name, f] of [['count all', {}], ['count type', { type: 'update' }]] as const) {
    t = Date.now();
    const n = await col.countDocuments(f);
    console.log(name, n, Date.now() - t);
  }
  t = Date.now();
  let c = 0;
  for await (const _d of col.find({ type: 'update' }, { projection: { _id: 1 } })) c++;
  console.log('cursor proj', c, Date.now() - t);
  t = Date.now();
  c = 0;
  for await (const _d of col.find({ type: 'update' }).sort({ 'data.country': 1 })) c++;
  console.log('cursor sorted', c, Date.now() - t);
  t = Date.now();
  await Promise.all([col.countDocuments({ type: 'need' }), col.countDocuments({ type: 'response' })]);
  console.log('two counts in parallel', Date.now() - t);
  await db.close(); await e.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });

import { contentDisposition } from '../../src/files/file-download';
import { createFileLinks, FILE_LINK_TTL_MS } from '../../src/files/file-links';
import { openTestDb, type TestDb } from '../support/test-db';

describe('file links: short-lived signed downloads', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb({ seed: false });
  });
  afterAll(() => db.close());

  const links = (secret = 'secret-one') => createFileLinks({ store: db.store, clock: db.clock, secret, publicUrl: 'https://bot.example.org/' });
  const file = { name: 'gap-matrix.png', mimeType: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };

  it('serves the file behind a fresh link, for 24 hours', async () => {
    const l = links();
    const link = await l.create(file, { personId: 'p1' });
    expect(link.url).toBe(`https://bot.example.org/files/${link.token}`);
    expect(link.expiresAt.getTime() - db.clock.now().getTime()).toBe(FILE_LINK_TTL_MS);
    const got = await l.resolve(link.token);
    expect(got).toMatchObject({ name: 'gap-matrix.png', mimeType: 'image/png' });
    expect(Buffer.compare(got!.content, file.content)).toBe(0);
    expect(await links('another-secret').resolve(link.token)).toBeNull(); // signed with the configured secret
  });

  it('finds nothing after expiry, and the purge removes the file', async () => {
    const l = links();
    const link = await l.create(file);
    db.clock.advance(FILE_LINK_TTL_MS);
    expect(await l.resolve(link.token)).toBeNull();
    expect(await l.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.store.ctx.models.files.countDocuments({ _id: link.token.split('.')[0] })).toBe(0);
  });

  it('rejects anything that is not a link it made', async () => {
    const l = links();
    for (const t of [undefined, 42, '', 'a.b.c', 'x'.repeat(500), '../../etc.passwd.x']) expect(await l.resolve(t)).toBeNull();
  });

  it('names downloads safely', () => {
    expect(contentDisposition('Needs "2026" Kosovo*.xlsx')).toBe(`attachment; filename="Needs 2026 Kosovo*.xlsx"; filename*=UTF-8''Needs%20%222026%22%20Kosovo%2A.xlsx`);
    expect(contentDisposition('Šabac.csv')).toBe(`attachment; filename="Sabac.csv"; filename*=UTF-8''%C5%A0abac.csv`);
  });
});

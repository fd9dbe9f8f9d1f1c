import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SYSTEM_ACTOR, type Actor } from '../../../src/domain/actor';
import { addPerson } from '../../support/people';
import { startTestApp, type TestApp } from '../../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out, and this machine has no internet.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Does something in the page and waits for the bot's answer; returns the text of its last message. */
async function act(page: Page, action: () => Promise<unknown>): Promise<string> {
  const before = await page.locator('article.msg.bot').count();
  await action();
  await page.locator('article.msg.bot').nth(before).waitFor();
  await page.locator('#logs[aria-busy="false"]').waitFor();
  return page.locator('article.msg.bot').last().innerText();
}

const type = (page: Page, text: string) => act(page, () => page.getByLabel('Message to the bot').fill(text).then(() => page.keyboard.press('Enter')));
const click = (page: Page, name: string) => act(page, () => page.locator('article.msg.bot').last().getByRole('button', { name, exact: true }).click());

describe('the console in a real browser (headless Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let profile: string;
  let arta: Actor;
  beforeAll(async () => {
    t = await startTestApp();
    arta = await addPerson(t.app.core.store, { name: 'Arta Krasniqi', email: 'arta@rks-gov.net', orgCode: 'MOI-XK' });
    profile = mkdtempSync(join(tmpdir(), 'wbbsi-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1360, height: 900 } });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await t.stop();
  });

  it('picks a person, completes a development update by clicking and typing, and finds it in the records', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${t.url}/console`);
    await page.getByText('Trial console — not for production data').waitFor();

    let said = await act(page, () => page.getByLabel('Person from the roster').selectOption(arta.personId));
    expect(said).toMatch(/Hello Arta/);
    expect(await page.locator('#person-info').innerText()).toMatch(/speaking as Arta Krasniqi \(Kosovo\* MoI, Support Group member\)/);

    said = await type(page, 'update');
    expect(said).toMatch(/What kind of development is it\?/);
    said = await click(page, '1. Law'); // numbered: the question invites typing the number
    expect(said).toMatch(/Title/);
    // The question clicked is replaced by its answer, with nothing left to click on it.
    const answered = page.locator('article.msg.bot', { hasText: '✓' }).last();
    expect(await answered.innerText()).toMatch(/✓ .*Law/);
    expect(await answered.getByRole('button').count()).toBe(0);
    said = await type(page, 'Law on Border Control (amendments)');
    expect(said).toMatch(/Which country does it concern\?/);
    expect(said).toMatch(/This designation is without prejudice/); // the footnote, in small print
    said = await click(page, '3. Kosovo* (current)');
    expect(said).toMatch(/Adopting body/);
    expect(await click(page, 'Skip')).toMatch(/Stage/);
    said = await click(page, '3. Adopted');
    expect(said).toMatch(/Date/);
    expect(await type(page, '15.11.2026')).toMatch(/Link/);
    said = await click(page, 'Skip'); // no link
    expect(said).toMatch(/Short summary/);
    said = await type(page, 'Aligns border checks with the Schengen Borders Code.');
    expect(said).toMatch(/Themes/);
    const last = page.locator('article.msg.bot').last();
    await last.getByLabel('2. Border checks').check();
    await last.getByLabel('1. Legal and strategic framework').check();
    said = await click(page, 'Send');
    expect(said).toMatch(/Related needs/);
    said = await click(page, 'Skip');
    expect(said).toMatch(/Here is your development update\. Please check it/);
    expect(await page.locator('article.msg.bot').last().locator('dl').innerText()).toMatch(/Country\s+Kosovo\*/);
    said = await click(page, 'Submit');
    expect(said).toMatch(/I have saved development update DU-2026-XK-001/);
    expect(await page.locator('article.msg.bot').last().locator('strong').first().innerText()).toBe('DU-2026-XK-001');

    await page.getByRole('tab', { name: 'Records' }).click();
    const row = page.locator('tr[data-record-id="DU-2026-XK-001"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/DU-2026-XK-001\s+Development update\s+Law on Border Control \(amendments\)\s+v1\s+2026-Q4/);
    await page.screenshot({ path: '/tmp/console.png' });

    const rec = await t.app.core.store.records.get(SYSTEM_ACTOR, 'DU-2026-XK-001');
    expect(rec).toMatchObject({ type: 'update', orgCode: 'MOI-XK', submittedBy: arta.personId, version: 1 });
    expect(rec!.data).toMatchObject({ kind: 'law', country: 'XK', stage: 'adopted', date: '2026-11-15', themes: ['legal-strategic', 'border-checks'] }); // in the list's order
    expect(problems).toEqual([]);
  });

  it('edits the record in a whole form: an error shows under its field, the fix saves version 2', async () => {
    const page = context.pages().at(-1)!;
    await page.getByLabel('Forms open').selectOption('form');
    await page.locator('tr[data-record-id="DU-2026-XK-001"]').getByRole('button', { name: 'Edit DU-2026-XK-001' }).click();
    const form = page.locator('#form-panel form');
    await form.getByRole('heading', { name: 'Development update' }).waitFor();
    await form.getByLabel('Short summary').fill('Too short');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const error = form.locator('.field.has-error .error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/at least 10 characters/);
    expect(await form.locator('[name="summary"]:focus').count()).toBe(1); // focus on the field to fix
    await page.screenshot({ path: '/tmp/console-form.png' });
    await form.getByLabel('Short summary').fill('Aligns border checks with the Schengen Borders Code; in force from 2027.');
    const saved = await act(page, () => form.getByRole('button', { name: 'Save changes' }).click());
    expect(saved).toMatch(/Saved DU-2026-XK-001, version 2/);
    expect(await page.locator('#form-panel').isHidden()).toBe(true);
    const rec = await t.app.core.store.records.get(SYSTEM_ACTOR, 'DU-2026-XK-001');
    expect(rec).toMatchObject({ version: 2, data: expect.objectContaining({ summary: expect.stringMatching(/in force from 2027/) }) });
  });
});

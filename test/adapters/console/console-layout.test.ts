import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { Actor } from '../../../src/domain/actor';
import { startTestApp, type TestApp } from '../../support/test-app';
import { act, displayOf, launchChromium, overflowX, screenshot, typeMessage } from './browser-kit';

/**
 * The console as a newcomer meets it, in headless Chromium on a phone (390 px) and on a desktop:
 * demo people on an empty roster, organisations by type and name, the whole form, the records, and a
 * reload in the middle of a conversation. Screenshots: test-artifacts/console/<screen>-<step>.png.
 */
describe.each([
  { screen: 'phone', width: 390, height: 844, phone: true },
  { screen: 'desktop', width: 1360, height: 900, phone: false },
])('the console at $width px ($screen)', ({ screen, width, height, phone }) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let vesna: Actor;
  const problems: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(); // the default roster: organisations, no people
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width, height }, isMobile: phone, hasTouch: phone });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await t.stop();
  });
  afterEach(() => expect(problems).toEqual([]));

  const lastBot = () => page.locator('article.msg.bot').last();
  const formPanel = () => page.locator('#form-panel');

  it('offers three one-click demo people while the roster is empty, and lists organisations by type, then name', async () => {
    await page.goto(`${t.url}/console`);
    const demos = page.locator('#demo-list button');
    await demos.first().waitFor();
    expect(await demos.allInnerTexts()).toEqual([
      expect.stringMatching(/Western Balkan partner\s+Ana Petrović\s+Serbia MoI · Support Group member/i),
      expect.stringMatching(/Donor\s+Markus Huber\s+Austria MoI · Support Group member/i),
      expect.stringMatching(/IISG Secretariat\s+Lejla Hadžić\s+IISG Secretariat · IISG Secretariat/i),
    ]);
    const lastDemo = await demos.last().boundingBox();
    expect(lastDemo!.y + lastDemo!.height).toBeLessThanOrEqual(height); // on the first screen, no scrolling

    const optgroups = page.locator('#trial-org optgroup');
    const groups: [string | null, string[]][] = [];
    for (let i = 0; i < (await optgroups.count()); i++) groups.push([await optgroups.nth(i).getAttribute('label'), await optgroups.nth(i).locator('option').allTextContents()]);
    expect(groups.map(([label]) => label)).toEqual([
      'Western Balkan partner', 'EU institution', 'EU agency', 'EU member state or partner government',
      'International organisation', 'Regional organisation', 'Implementing agency', 'IISG Secretariat',
    ]);
    expect(groups[0]![1]).toEqual(['Albania MoI', 'Bosnia and Herzegovina MoS', 'Kosovo* MoI', 'Montenegro MoI', 'North Macedonia MoI', 'Serbia MoI']);
    expect(groups[3]![1]).toEqual(['Austria MoI', 'France RSC', 'Italy MoI', 'Slovenia MoI', 'United Kingdom RSC']);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, `${screen}-1-start`);

    expect(await act(page, () => page.getByRole('button', { name: /\(Western Balkan partner\)/ }).click())).toMatch(/Hello Ana/);
    expect(await page.locator('#person-info').innerText()).toMatch(/speaking as Ana Petrović \(Serbia MoI, Support Group member\)/);
    const ana = await t.app.core.store.people.byEmail('demo-partner@console.invalid');
    expect(ana).toMatchObject({ name: 'Ana Petrović', orgCode: 'MOI-RS', role: 'member' });
    expect(await page.getByLabel('Person from the roster').inputValue()).toBe(ana!._id);
  });

  it('the whole form opens in view (a full-screen sheet on a phone) and saves', async () => {
    // From here on a trial person, added with the form that was always there (the demo people are tried above).
    if (!(await page.locator('#trial-name').isVisible())) await page.locator('#trial summary').click(); // opened, as a person would
    await page.getByLabel('Name').fill('Vesna Jovanović');
    await page.locator('#trial-org').selectOption('MOI-RS');
    expect(await act(page, () => page.getByRole('button', { name: 'Add and use this person' }).click())).toMatch(/Hello Vesna/);
    const added = (await t.app.core.store.people.list()).find((p) => p.name === 'Vesna Jovanović');
    vesna = (await t.app.core.store.people.actorById(added!._id))!;

    await page.getByLabel('Forms open').selectOption('form');
    await page.getByLabel('Message to the bot').fill('update');
    await page.keyboard.press('Enter'); // the answer is the form itself, no message
    const form = formPanel().locator('form');
    await form.locator('#form-title').waitFor();
    const box = (await formPanel().boundingBox())!;
    if (phone) expect(box).toEqual({ x: 0, y: 0, width, height }); // the whole screen
    else expect(box.x + box.width <= width && box.y < height * 0.5).toBe(true); // beside the chat, in the first screen
    expect(await form.locator('#form-title').isVisible()).toBe(true);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, `${screen}-2-form`);

    await form.locator('[name="kind"]').selectOption('law');
    await form.locator('[name="title"]').fill('Law on Border Control (amendments)');
    await form.locator('[name="stage"]').selectOption('adopted');
    await form.locator('[name="date"]').fill('2026-11-15');
    await form.locator('[name="summary"]').fill('Aligns border checks with the Schengen Borders Code.');
    await form.getByLabel('Border checks').check();
    expect(await act(page, () => form.locator('button[type="submit"]').click())).toMatch(/DU-2026-RS-001/);
    expect(await formPanel().isHidden()).toBe(true);
    expect(await page.locator('body.form-open').count()).toBe(0);
  });

  it(phone ? 'shows the records as cards, nothing wider than the screen' : 'shows the records as a table', async () => {
    await page.getByRole('tab', { name: 'Records' }).click();
    const row = page.locator('tr[data-record-id="DU-2026-RS-001"]');
    await row.waitFor();
    const text = await row.innerText();
    if (phone) {
      expect(await displayOf(row)).toBe('block');
      expect(text).toMatch(/ID\s+DU-2026-RS-001\s+Type\s+Development update\s+Title\s+Law on Border Control \(amendments\)\s+Version\s+v1\s+Quarter\s+2026-Q4/);
      const card = (await row.boundingBox())!;
      expect(card.x >= 0 && card.x + card.width <= width).toBe(true);
    } else {
      expect(await displayOf(row)).toBe('table-row');
      expect(text).toMatch(/^DU-2026-RS-001\s+Development update\s+Law on Border Control \(amendments\)\s+v1\s+2026-Q4/);
    }
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, `${screen}-3-records`);
  });

  it('a reload keeps the person and the conversation, which goes on where it was (nothing sent again)', async () => {
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.getByLabel('Forms open').selectOption('chat');
    expect(await typeMessage(page, 'update')).toMatch(/What kind of development is it\?/);
    const vesnaLog = `.person-log[data-person="${vesna.personId}"] article.msg`;
    const before = await page.locator(vesnaLog).allInnerTexts();

    const sent: string[] = [];
    const record = (r: Request) => r.method() === 'POST' && r.url().includes('/console/api/') && sent.push(r.postData() ?? '');
    page.on('request', record);
    await page.reload();
    await page.locator(vesnaLog).nth(before.length - 1).waitFor();
    expect(await page.locator(vesnaLog).allInnerTexts()).toEqual(before);
    expect(await page.locator('#person-info').innerText()).toMatch(/speaking as Vesna Jovanović/);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, `${screen}-4-after-reload`);

    expect(await act(page, () => lastBot().getByRole('button', { name: /Law/ }).first().click())).toMatch(/Title/);
    page.off('request', record);
    expect(sent).toEqual([expect.stringContaining('"form.answer"')]); // only the click: no "help" on the reload
  });

  it('a reload with the whole form open reopens it from the draft, with what was typed', async () => {
    await lastBot().getByRole('button', { name: 'Fill in as a form' }).click();
    const title = formPanel().locator('[name="title"]');
    await title.fill('Strategy on Integrated Border Management 2027–2030');
    await page.reload();
    await title.waitFor();
    expect(await title.inputValue()).toBe('Strategy on Integrated Border Management 2027–2030');
    if (phone) expect(await formPanel().boundingBox()).toEqual({ x: 0, y: 0, width, height });
    await screenshot(page, `${screen}-5-form-after-reload`);
    const drafts = await t.app.core.store.drafts.openFor(vesna);
    expect(drafts.map((d) => d.answers.title)).toContain('Strategy on Integrated Border Management 2027–2030'); // kept on the server
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out, and this machine has no internet.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

/** Where browser tests keep their screenshots (ignored by git; see README, *Development*). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Does something in the page and waits for the bot's answer; returns the text of its last message. */
export async function act(page: Page, action: () => Promise<unknown>): Promise<string> {
  const before = await page.locator('article.msg.bot').count();
  await action();
  await page.locator('article.msg.bot').nth(before).waitFor();
  await page.locator('#logs[aria-busy="false"]').waitFor();
  return page.locator('article.msg.bot').last().innerText();
}

export const typeMessage = (page: Page, text: string) =>
  act(page, () => page.getByLabel('Message to the bot').fill(text).then(() => page.keyboard.press('Enter')));

/** How much wider than the viewport the page is (0 when nothing pushes it wider). */
export const overflowX = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

/** An element's computed CSS `display`. */
export const displayOf = (l: Locator) =>
  l.evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { display: string } }).getComputedStyle(e).display);

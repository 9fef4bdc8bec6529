/** Playwright helpers for the browser tests: Chromium, signed-in pages, polling assertions, axe. */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page in a context of its own (its own cookies and storage: one person). */
export async function newPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Polls a locator's text until `accept` says yes; fails with the last text seen. */
export async function expectText(
  page: Page,
  selector: string,
  accept: (text: string) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '<not found>';
  while (Date.now() < deadline) {
    const loc = page.locator(selector).first();
    if ((await loc.count()) > 0) {
      last = ((await loc.textContent()) ?? '').trim();
      if (accept(last)) return last;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: "${selector}" never matched; last text: "${last}"`);
}

/** Signs in through the UI and waits for the header to name the user. */
export async function signIn(page: Page, baseUrl: string, email: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=signin-submit]').click();
  await expectText(page, '[data-testid=viewer-name]', (t) => t.includes(displayName), `viewer name ${displayName}`);
}

/** Sets a marker on the window that a reload would wipe out. */
export const markNoReload = (page: Page): Promise<unknown> =>
  page.evaluate(() => ((window as unknown as Record<string, unknown>)['__noReload'] = true));

export const stillNoReload = async (page: Page): Promise<boolean> =>
  (await page.evaluate(() => (window as unknown as Record<string, unknown>)['__noReload'])) === true;

/** axe-core's serious and critical violations on the page as it is now (empty when there are none). */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return {
    passes: results.passes.length,
    url: results.url,
    violations: results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
  };
}

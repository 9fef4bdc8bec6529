/**
 * The built client in real Chromium against the started server (issue 4):
 * an anonymous visitor donates through the form on the demo campaign while
 * a resident has the same campaign page and the transparency page open in
 * another browser; without a reload the resident sees the new total, the
 * progress bar move and the new donation, and the ledger ticker shows the
 * new entry; "verify this ledger" says it is valid. axe-core checks the
 * transparency page and the campaign page.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMoney } from '@commonweal/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectText,
  launchBrowser,
  markNoReload,
  newPage,
  seriousViolations,
  signIn,
  stillNoReload,
} from '../support/browser.js';
import { apiFor, DEMO, ok, startServer, unique, type Api, type StartedServer } from '../support/server.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const AMOUNT_TEXT = '1,234.56'; // typed in yuan
const AMOUNT_MINOR = 123_456;
const GOAL_MINOR = 10_000_000;

let server: StartedServer;
let api: Api;
let browser: Browser;
const contexts: BrowserContext[] = [];
let campaignId: string;
let fundId: string;
let raisedBefore: number;
let donationsBefore: number;

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  fundId = ok(await api.gql('{ funds { id } }')).funds[0].id;
  const campaigns = ok(await api.gql('query C($id: ID!) { campaigns(fundId: $id) { id title } }', { id: fundId }))
    .campaigns as Array<{ id: string; title: string }>;
  campaignId = campaigns.find((c) => c.title === 'Lunch for our elders')!.id;
  const c = ok(
    await api.gql('query C($id: ID!) { campaign(id: $id) { raised { minorUnits } donorCount } }', { id: campaignId }),
  ).campaign;
  raisedBefore = c.raised.minorUnits;
  donationsBefore = c.donorCount;
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const percentOf = (raised: number): number => Number((BigInt(raised) * 100n) / BigInt(GOAL_MINOR));

async function openCampaign(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/campaigns/${campaignId}`);
  await page.locator('[data-testid=campaign-raised]').waitFor();
  await page.locator('[data-testid=campaign-progress]').waitFor();
}

async function openTransparency(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/transparency`);
  await page.locator('[data-testid=ledger-ticker] [data-testid=ledger-entry]').first().waitFor();
}

describe('a visitor donates in the browser; another browser sees the campaign and the ledger move live', () => {
  let donor: Page;
  let watcher: Page;
  let ledgerPage: Page;
  const donorName = `Browser donor ${unique()}`;

  it('a resident opens the campaign page and the transparency page; an anonymous visitor opens the campaign', async () => {
    donor = await newPage(browser, contexts);
    watcher = await newPage(browser, contexts);
    await signIn(watcher, server.baseUrl, DEMO.resident, 'Grandma Liu');
    ledgerPage = await watcher.context().newPage();
    ledgerPage.setDefaultTimeout(15_000);

    await Promise.all([openCampaign(watcher), openTransparency(ledgerPage), openCampaign(donor)]);
    await expectText(
      watcher,
      '[data-testid=campaign-raised]',
      (t) => t === formatMoney(raisedBefore, 'CNY'),
      'raised before',
    );
    expect(await watcher.locator('[data-testid=campaign-progress]').getAttribute('role')).toBe('progressbar');
    expect(await watcher.locator('[data-testid=campaign-progress]').getAttribute('aria-valuenow')).toBe(
      String(percentOf(raisedBefore)),
    );
    expect(await watcher.locator('[data-testid=donation]').count()).toBe(donationsBefore);
    expect(
      await ledgerPage
        .locator('[data-testid=ledger-ticker] [data-testid=ledger-entry]', { hasText: AMOUNT_TEXT })
        .count(),
    ).toBe(0);
    await markNoReload(watcher);
    await markNoReload(ledgerPage);
  });

  it('the visitor donates through the form and is thanked; the amount is written exactly', async () => {
    await donor.locator('[data-testid=donate-amount]').fill(AMOUNT_TEXT);
    await donor.locator('[data-testid=donate-name]').fill(donorName);
    await donor.locator('[data-testid=donate-submit]').click();
    await expectText(donor, '[data-testid=donation-thanks]', (t) => t.includes(AMOUNT_TEXT), 'thanks');

    const c = ok(
      await api.gql(
        'query C($id: ID!) { campaign(id: $id) { raised { minorUnits } donations(first: 1) { nodes { donorName amount { minorUnits } } } } }',
        { id: campaignId },
      ),
    ).campaign;
    expect(c.raised.minorUnits).toBe(raisedBefore + AMOUNT_MINOR);
    expect(c.donations.nodes[0]).toEqual({ donorName, amount: { minorUnits: AMOUNT_MINOR } });
  });

  it('the resident’s campaign page shows the new total, progress and donation without a reload', async () => {
    const total = formatMoney(raisedBefore + AMOUNT_MINOR, 'CNY');
    await expectText(watcher, '[data-testid=campaign-raised]', (t) => t === total, 'watcher raised');
    const progress = watcher.locator('[data-testid=campaign-progress]');
    const deadline = Date.now() + 15_000;
    while ((await progress.getAttribute('aria-valuenow')) !== String(percentOf(raisedBefore + AMOUNT_MINOR))) {
      if (Date.now() > deadline)
        throw new Error(`aria-valuenow stuck at ${await progress.getAttribute('aria-valuenow')}`);
      await watcher.waitForTimeout(100);
    }
    const shown = watcher.locator('[data-testid=donation]', { hasText: donorName });
    await shown.waitFor();
    expect(await shown.textContent()).toContain(AMOUNT_TEXT);
    expect(await watcher.locator('[data-testid=donation]').count()).toBe(donationsBefore + 1);
    expect(await stillNoReload(watcher)).toBe(true);
  });

  it('the transparency page’s ticker shows the new ledger entry without a reload, and the ledger verifies', async () => {
    const entry = ledgerPage.locator('[data-testid=ledger-ticker] [data-testid=ledger-entry]', {
      hasText: AMOUNT_TEXT,
    });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(donorName);
    expect(await entry.textContent()).toContain(`+${formatMoney(AMOUNT_MINOR, 'CNY')}`);
    // newest on top
    expect(
      await ledgerPage.locator('[data-testid=ledger-ticker] [data-testid=ledger-entry]').first().textContent(),
    ).toContain(AMOUNT_TEXT);
    expect(await stillNoReload(ledgerPage)).toBe(true);

    await ledgerPage.locator('[data-testid=verify-ledger]').click();
    await expectText(
      ledgerPage,
      '[data-testid=verify-result]',
      (t) => /ledger is intact/i.test(t) && !/does not check out/i.test(t),
      'verify',
    );
    const { verifyLedger } = ok(
      await api.gql('query V($id: ID!) { verifyLedger(fundId: $id) { valid entriesChecked } }', { id: fundId }),
    );
    expect(verifyLedger.valid).toBe(true);
    expect(await ledgerPage.locator('[data-testid=verify-result]').textContent()).toContain(
      `All ${verifyLedger.entriesChecked} entries checked`,
    );

    mkdirSync(ARTIFACTS, { recursive: true });
    await ledgerPage.screenshot({ path: join(ARTIFACTS, 'transparency.png'), fullPage: true });
    await watcher.screenshot({ path: join(ARTIFACTS, 'campaign.png'), fullPage: true });
  });

  it('axe-core: no serious or critical violations on the transparency page', async () => {
    const { violations, passes, url } = await seriousViolations(ledgerPage);
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(0);
    expect(url).toContain('/transparency');
  });

  it('axe-core: no serious or critical violations on the campaign page with the donation form', async () => {
    await donor.locator('[data-testid=donate-submit]').waitFor();
    const { violations, passes, url } = await seriousViolations(donor);
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(0);
    expect(url).toContain(`/campaigns/${campaignId}`);
  });
});

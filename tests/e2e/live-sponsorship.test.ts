/**
 * The built client in real Chromium against the started server (issue 3):
 * the enterprise member pledges money through the UI on the lift proposal
 * while a resident has the same page open; the pledge stays private until
 * the fund admin accepts it in a third browser, and then the resident's page
 * shows the accepted sponsorship and the new sponsored total without a
 * reload. axe-core checks the proposal page as the enterprise user sees it.
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
const SPONSOR_NAME = 'Chongqing Riverside Logistics Co.';
const AMOUNT_TEXT = '8,888.88'; // typed in yuan
const AMOUNT_MINOR = 888_888;

let server: StartedServer;
let api: Api;
let browser: Browser;
const contexts: BrowserContext[] = [];
let liftId: string;
let totalBefore: number;

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 50) { nodes { id title } } }')).proposals
    .nodes as Array<{ id: string; title: string }>;
  liftId = list.find((p) => /lift/i.test(p.title))!.id;
  totalBefore = ok(
    await api.gql('query Q($id: ID!) { proposal(id: $id) { sponsoredTotal { minorUnits } } }', { id: liftId }),
  ).proposal.sponsoredTotal.minorUnits;
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const pledgeOn = (page: Page) => page.locator('[data-testid=sponsorship]', { hasText: AMOUNT_TEXT });

async function openProposal(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/proposals/${liftId}`);
  await page.locator('[data-testid=sponsorship-panel]').waitFor();
  await page.locator('[data-testid=sponsored-total]').waitFor();
}

describe('an enterprise pledges in the browser; the resident sees the accepted sponsorship live', () => {
  let resident: Page;
  let enterprise: Page;
  let admin: Page;
  const description = `Towards the lift motor, from the browser test (${unique()})`;

  it('a resident, the enterprise member and the fund admin sign in; the resident sees a total and no pledge form', async () => {
    [resident, enterprise, admin] = await Promise.all([
      newPage(browser, contexts),
      newPage(browser, contexts),
      newPage(browser, contexts),
    ]);
    await Promise.all([
      signIn(resident, server.baseUrl, DEMO.resident, 'Grandma Liu'),
      signIn(enterprise, server.baseUrl, DEMO.enterprise, 'Riverside Logistics'),
      signIn(admin, server.baseUrl, DEMO.admin, 'Fund Secretariat'),
    ]);
    await openProposal(resident);
    await expectText(
      resident,
      '[data-testid=sponsored-total]',
      (t) => t === formatMoney(totalBefore, 'CNY'),
      'resident sponsored total before',
    );
    expect(await resident.locator('[data-testid=sponsor-submit]').count()).toBe(0);
    expect(await resident.locator('[data-testid=sponsorship-accept]').count()).toBe(0);
    await markNoReload(resident);
  });

  it('the enterprise member pledges money through the form on the same proposal', async () => {
    await openProposal(enterprise);
    await enterprise.locator('[data-testid=sponsor-kind]').selectOption('FUNDS');
    await enterprise.locator('[data-testid=sponsor-amount]').fill(AMOUNT_TEXT);
    await enterprise.locator('[data-testid=sponsor-description]').fill(description);
    await enterprise.locator('[data-testid=sponsor-submit]').click();

    // the sponsor sees its own pledge, awaiting the fund, and the total has not moved
    const mine = pledgeOn(enterprise);
    await mine.waitFor();
    expect(await mine.textContent()).toContain(SPONSOR_NAME);
    const status = ((await mine.locator('[data-testid=sponsorship-status]').textContent()) ?? '').trim();
    expect(status).not.toMatch(/accepted/i);
    expect(((await enterprise.locator('[data-testid=sponsored-total]').textContent()) ?? '').trim()).toBe(
      formatMoney(totalBefore, 'CNY'),
    );
    // the sponsor cannot accept its own pledge
    expect(await mine.locator('[data-testid=sponsorship-accept]').count()).toBe(0);

    // written with the exact amount in fen
    const seen = ok(
      await api.gql(
        'query Q($id: ID!) { proposal(id: $id) { sponsorships { description status kind amount { minorUnits } } } }',
        { id: liftId },
        await api.login(DEMO.gov),
      ),
    ).proposal.sponsorships;
    expect(seen).toContainEqual({
      description,
      status: 'PROPOSED',
      kind: 'FUNDS',
      amount: { minorUnits: AMOUNT_MINOR },
    });
  });

  it('the private pledge does not reach the resident’s page', async () => {
    // give the proposalUpdated event time to arrive; it must not carry the pledge
    await resident.waitForTimeout(1500);
    expect(await pledgeOn(resident).count()).toBe(0);
    expect(((await resident.locator('[data-testid=sponsored-total]').textContent()) ?? '').trim()).toBe(
      formatMoney(totalBefore, 'CNY'),
    );
  });

  it('the fund admin accepts it in a third browser; the resident’s page shows it without a reload', async () => {
    await openProposal(admin);
    const pledge = pledgeOn(admin);
    await pledge.waitFor();
    await pledge.locator('[data-testid=sponsorship-accept]').click();
    await expectText(
      admin,
      '[data-testid=sponsored-total]',
      (t) => t === formatMoney(totalBefore + AMOUNT_MINOR, 'CNY'),
      'admin total',
    );

    const expectedTotal = formatMoney(totalBefore + AMOUNT_MINOR, 'CNY');
    const shown = pledgeOn(resident);
    await shown.waitFor({ timeout: 15_000 });
    expect(await shown.textContent()).toContain(SPONSOR_NAME);
    await expectText(
      resident,
      `[data-testid=sponsorship]:has-text("${AMOUNT_TEXT}") [data-testid=sponsorship-status]`,
      (t) => /accepted/i.test(t),
      'resident sees the pledge accepted',
    );
    await expectText(resident, '[data-testid=sponsored-total]', (t) => t === expectedTotal, 'resident sponsored total');
    expect(await stillNoReload(resident)).toBe(true);
    // the resident still has nothing to answer
    expect(await resident.locator('[data-testid=sponsorship-accept]').count()).toBe(0);

    // and the sponsor's own page caught up too
    await expectText(
      enterprise,
      `[data-testid=sponsorship]:has-text("${AMOUNT_TEXT}") [data-testid=sponsorship-status]`,
      (t) => /accepted/i.test(t),
      'enterprise sees the pledge accepted',
    );
    await expectText(enterprise, '[data-testid=sponsored-total]', (t) => t === expectedTotal, 'enterprise total');

    mkdirSync(ARTIFACTS, { recursive: true });
    await resident.screenshot({ path: join(ARTIFACTS, 'sponsorship.png'), fullPage: true });
  });

  it('axe-core: no serious or critical violations on the proposal page as the enterprise user sees it', async () => {
    await openProposal(enterprise);
    await enterprise.locator('[data-testid=sponsor-submit]').waitFor();
    const { violations, passes, url } = await seriousViolations(enterprise);
    expect(violations).toEqual([]);
    expect(passes).toBeGreaterThan(0);
    expect(url).toContain(`/proposals/${liftId}`);
  });
});

/**
 * The audit trail in real Chromium against the built server and client. The
 * demo government officer approves a proposal in consultation through the
 * API; on /audit (reached through the header link) the list filtered to
 * proposals shows that change, newest first, with the officer's name and
 * role and the status before → after, in English and in Chinese; a long
 * decision note is cut and expands; a record's history, an actor's changes,
 * the date range and "Load more" work. A resident has no link and gets a
 * not-allowed message. axe-core finds no serious or critical violation.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectText, launchBrowser, newPage, seriousViolations, signIn } from '../support/browser.js';
import { apiFor, DEMO, ok, startServer, unique, type Api, type StartedServer } from '../support/server.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

let server: StartedServer;
let api: Api;
let browser: Browser;
const contexts: BrowserContext[] = [];
let tokens: Record<'gov' | 'resident', string>;
let gov: { id: string; displayName: string };
let proposalId: string;
const note = `Approved after the consultation: residents asked for ramps at every entrance, handrails on both sides and a bench by the lift. ${unique()}`;

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const all = await api.demoTokens();
  tokens = { gov: all.gov, resident: all.resident };
  gov = ok(await api.gql('{ viewer { id displayName } }', {}, tokens.gov)).viewer;
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 50) { nodes { id } } }')).proposals
    .nodes as Array<{ id: string }>;
  expect(list.length).toBeGreaterThan(0);
  proposalId = list[0]!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** Waits until the list has loaded and every entry matches `accept` (and there is at least one). */
async function waitForEntries(page: Page, accept: (entry: Locator) => Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const entries = page.locator('[data-testid=audit-entry]');
    const n = await entries.count();
    const busy = await page.locator('main [aria-busy=true], main .loading').count();
    if (n > 0 && busy === 0) {
      let all = true;
      // The list may re-render between counting and reading (a filter's results replacing the old ones):
      // an entry gone meanwhile means "look again", not a failure.
      for (let i = 0; i < n && all; i++) all = await accept(entries.nth(i)).catch(() => false);
      if (all) return n;
    }
    if (Date.now() > deadline) throw new Error(`${what}: entries never matched (${n} shown)`);
    await page.waitForTimeout(100);
  }
}

const attr = (l: Locator, name: string) => l.getAttribute(name, { timeout: 2000 }).then((v) => v ?? '');

/** The entry ids on the page, in order. */
const entryIds = (page: Page) =>
  page.locator('[data-testid=audit-entry]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));

async function expectNoSeriousViolations(page: Page) {
  const result = await seriousViolations(page);
  expect(result.violations).toEqual([]);
  expect(result.passes).toBeGreaterThan(0);
  expect(result.url).toContain('/audit');
}

describe('the government reads the audit trail', () => {
  let page: Page;
  const statusChange = () =>
    page
      .locator(`[data-testid=audit-entry][data-action=update][data-entity-id="${proposalId}"]`)
      .filter({ has: page.locator('[data-testid=audit-change][data-field=status]') })
      .first();

  it('approves a proposal through the API and finds the change on /audit, filtered to proposals', async () => {
    ok(
      await api.gql(
        'mutation ($id: ID!, $note: String) { decideProposal(proposalId: $id, decision: APPROVE, note: $note) { id status } }',
        { id: proposalId, note },
        tokens.gov,
      ),
    );

    page = await newPage(browser, contexts);
    await signIn(page, server.baseUrl, DEMO.gov, gov.displayName);
    await page.locator('[data-testid=nav-audit]').click();
    await page.waitForURL('**/audit');
    await waitForEntries(page, async () => true, 'unfiltered list');

    await page.locator('[data-testid=audit-filter-entity]').selectOption('proposals');
    await page.locator('[data-testid=audit-filter-apply]').click();
    await page.waitForURL('**/audit?entity=proposals');
    await waitForEntries(page, async (e) => (await attr(e, 'data-entity')) === 'proposals', 'only proposals');

    // newest first: the approval is on top and ids go down
    const ids = await entryIds(page);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const top = page.locator('[data-testid=audit-entry]').first();
    expect(await attr(top, 'data-entity-id')).toBe(proposalId);

    const entry = statusChange();
    expect(await entry.count()).toBe(1);
    expect((await entry.locator('[data-testid=audit-action]').textContent())?.trim()).toBe('Updated');
    expect((await entry.locator('[data-testid=audit-entity]').textContent())?.trim()).toBe('Proposal');
    expect((await entry.locator('[data-testid=audit-actor-name]').textContent())?.trim()).toBe(gov.displayName);
    expect((await entry.locator('[data-testid=audit-actor-role]').textContent())?.trim()).toBe('Government');
    expect(await attr(entry.locator('[data-testid=audit-actor]'), 'data-actor-id')).toBe(gov.id);
    const shown = await attr(entry.locator('[data-testid=audit-time]'), 'datetime');
    expect(Date.now() - Date.parse(shown)).toBeLessThan(5 * 60_000);

    const status = entry.locator('[data-testid=audit-change][data-field=status]');
    expect(await attr(status, 'data-before')).toBe('CONSULTATION');
    expect(await attr(status, 'data-after')).toBe('APPROVED');
    expect((await status.locator('.audit-before .audit-value').textContent())?.trim()).toBe('In consultation');
    expect((await status.locator('.audit-after .audit-value').textContent())?.trim()).toBe('Approved');
    expect(await status.locator('.audit-field').textContent()).toBe('Status');

    // the record links to its proposal page
    const link = entry.locator('[data-testid=audit-record-link]');
    expect(await link.getAttribute('href')).toBe(`/proposals/${proposalId}`);
  });

  it('cuts the long decision note and expands it on request', async () => {
    const change = statusChange().locator('[data-testid=audit-change][data-field=decision_note]');
    expect(await attr(change, 'data-after')).toBe(note);
    const value = change.locator('.audit-after .audit-value');
    const clipped = ((await value.textContent()) ?? '').trim();
    expect(clipped.endsWith('…')).toBe(true);
    expect(clipped.length).toBeLessThan(note.length);
    const expand = change.locator('.audit-after [data-testid=audit-expand]');
    expect(await expand.getAttribute('aria-expanded')).toBe('false');
    await expand.click();
    expect(await expand.getAttribute('aria-expanded')).toBe('true');
    expect(((await value.textContent()) ?? '').trim()).toBe(note);
    await expectNoSeriousViolations(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'audit.png'), fullPage: false });
  });

  it('shows the same change in Chinese', async () => {
    await page.locator('.lang-switch button[lang="zh-CN"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const entry = statusChange();
    await expectText(page, 'main h1', (t) => t === '审计记录', 'Chinese heading');
    expect((await entry.locator('[data-testid=audit-action]').textContent())?.trim()).toBe('修改');
    expect((await entry.locator('[data-testid=audit-entity]').textContent())?.trim()).toBe('项目提案');
    expect((await entry.locator('[data-testid=audit-actor-role]').textContent())?.trim()).toBe('政府');
    const status = entry.locator('[data-testid=audit-change][data-field=status]');
    expect(await status.locator('.audit-field').textContent()).toBe('状态');
    for (const side of ['.audit-before', '.audit-after']) {
      const text = (await status.locator(`${side} .audit-value`).textContent()) ?? '';
      expect(text).toMatch(/[\u4e00-\u9fff]/);
    }
    // the entity select names the tables in Chinese
    expect(await page.locator('[data-testid=audit-filter-entity] option[value=proposals]').textContent()).toBe(
      '项目提案',
    );
    await page.locator('.lang-switch button[lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  it("a record's history lists its changes, the seed's creation by the system included", async () => {
    await statusChange().locator('[data-testid=audit-record-history]').click();
    await page.waitForURL(`**/audit?entity=proposals&entityId=${proposalId}`);
    const n = await waitForEntries(
      page,
      async (e) => (await attr(e, 'data-entity-id')) === proposalId,
      'only this proposal',
    );
    expect(n).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=audit-filter-entity-id]').inputValue()).toBe(proposalId);
    const created = page.locator('[data-testid=audit-entry][data-action=insert]');
    expect(await created.count()).toBe(1);
    expect((await created.locator('[data-testid=audit-action]').textContent())?.trim()).toBe('Created');
    expect((await created.locator('[data-testid=audit-actor]').textContent())?.trim()).toBe('System');
    // an insert lists the values it created, the title among them
    expect(await created.locator('[data-testid=audit-change][data-field=title]').count()).toBe(1);
  });

  it("an actor's changes and the date range narrow the list", async () => {
    await statusChange().locator('[data-testid=audit-actor-history]').click();
    await page.waitForURL(`**/audit?actor=${gov.id}`);
    await waitForEntries(
      page,
      async (e) => (await attr(e.locator('[data-testid=audit-actor]'), 'data-actor-id')) === gov.id,
      "only the officer's changes",
    );
    expect(await statusChange().count()).toBe(1);

    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await page.locator('[data-testid=audit-filter-from]').fill(day(0));
    await page.locator('[data-testid=audit-filter-to]').fill(day(0));
    await page.locator('[data-testid=audit-filter-apply]').click();
    await page.waitForURL(`**/audit?actor=${gov.id}&from=${day(0)}&to=${day(0)}`);
    await waitForEntries(page, async () => true, 'today');
    expect(await statusChange().count()).toBe(1);

    await page.locator('[data-testid=audit-filter-from]').fill(day(1));
    await page.locator('[data-testid=audit-filter-to]').fill(day(1));
    await page.locator('[data-testid=audit-filter-apply]').click();
    await expectText(page, 'main .empty', (t) => t === 'No recorded change matches these filters.', 'nothing tomorrow');
    expect(await page.locator('[data-testid=audit-entry]').count()).toBe(0);
  });

  it('"Load more" appends older entries, newest first throughout', async () => {
    await page.locator('[data-testid=audit-filter-reset]').click();
    await page.waitForURL(/\/audit$/);
    const first = await waitForEntries(page, async () => true, 'all changes');
    expect(first).toBe(20);
    const before = await entryIds(page);
    await page.getByRole('button', { name: 'Load more' }).click();
    const deadline = Date.now() + 15_000;
    while ((await page.locator('[data-testid=audit-entry]').count()) <= first && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    const after = await entryIds(page);
    expect(after.length).toBeGreaterThan(first);
    expect(after.slice(0, first)).toEqual(before);
    expect(after).toEqual([...after].sort((a, b) => b - a));
    expect(new Set(after).size).toBe(after.length);
  });

  it('axe: no serious or critical violation at 390 px in Chinese', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/audit?entity=proposals`);
    await page.locator('.lang-switch button[lang="zh-CN"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await waitForEntries(page, async (e) => (await attr(e, 'data-entity')) === 'proposals', 'proposals on a phone');
    await expectNoSeriousViolations(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'audit-phone.png'), fullPage: false });
  });
});

describe('a resident', () => {
  it('has no audit link, is told she may not read it, and the server agrees', async () => {
    const page = await newPage(browser, contexts);
    await signIn(page, server.baseUrl, DEMO.resident, 'Grandma Liu');
    expect(await page.locator('[data-testid=nav-audit]').count()).toBe(0);
    expect(await page.locator('nav a[href="/audit"]').count()).toBe(0);
    await page.goto(`${server.baseUrl}/audit`);
    await expectText(
      page,
      '[data-testid=audit-not-allowed]',
      (t) => t === 'Only the government and the fund admin can read the audit trail.',
      'not-allowed message',
    );
    expect(await page.locator('[data-testid=audit-entry]').count()).toBe(0);
    expect(await page.locator('[data-testid=audit-filters]').count()).toBe(0);
    await expectNoSeriousViolations(page);

    const res = await api.gql('{ auditLog(first: 1) { nodes { id } } }', {}, tokens.resident);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

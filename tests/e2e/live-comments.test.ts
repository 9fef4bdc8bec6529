/**
 * The built client in real Chromium against the started server: two
 * residents sign in through the UI and open the same proposal in
 * consultation; what one of them comments and votes appears at the other's
 * screen without a reload. Then axe-core checks the main pages for serious
 * or critical accessibility violations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiFor, DEMO, DEMO_PASSWORD, ok, startServer, unique, type StartedServer } from '../support/server.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

let server: StartedServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let proposalId: string;

beforeAll(async () => {
  server = await startServer();
  const api = apiFor(server);
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 50) { nodes { id title } } }')).proposals
    .nodes as Array<{
    id: string;
    title: string;
  }>;
  expect(list.length).toBeGreaterThan(0);
  proposalId = list[0]!.id;
  browser = await chromium.launch({
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
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signIn(page: Page, email: string, displayName: string): Promise<void> {
  await page.goto(`${server.baseUrl}/signin`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(DEMO_PASSWORD);
  await page.locator('[data-testid=signin-submit]').click();
  await expectText(page, '[data-testid=viewer-name]', (t) => t.includes(displayName), `viewer name ${displayName}`);
}

/** Polls a locator's text until `accept` says yes; fails with the last text seen. */
async function expectText(
  page: Page,
  selector: string,
  accept: (text: string) => boolean,
  what: string,
  timeoutMs = 15_000,
) {
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

const tally = async (page: Page) => ({
  support: ((await page.locator('[data-testid=tally-support]').textContent()) ?? '').trim(),
  oppose: ((await page.locator('[data-testid=tally-oppose]').textContent()) ?? '').trim(),
});

describe('live comments and votes between two residents', () => {
  let a: Page;
  let b: Page;

  it('both residents sign in through the UI and open the same proposal in consultation', async () => {
    a = await newPage();
    b = await newPage();
    await signIn(a, DEMO.resident, 'Grandma Liu');
    await signIn(b, DEMO.resident2, 'Xiao Zhang');

    // A gets there from the list, B by its address
    await a.goto(`${server.baseUrl}/proposals`);
    await a.locator('[data-testid=proposal-card]').first().waitFor();
    await a.locator(`[data-testid=proposal-card][href$="/proposals/${proposalId}"]`).click();
    await a.waitForURL(`**/proposals/${proposalId}`);
    await b.goto(`${server.baseUrl}/proposals/${proposalId}`);

    for (const page of [a, b]) {
      await page.locator('[data-testid=proposal-status]').waitFor();
      await expectText(page, '[data-testid=tally-support]', (t) => /^\d+$/.test(t), 'support tally is a number');
      await expectText(page, '[data-testid=tally-oppose]', (t) => /^\d+$/.test(t), 'oppose tally is a number');
    }
    // still signed in after the full page load
    await expectText(b, '[data-testid=viewer-name]', (t) => t.includes('Xiao Zhang'), 'B viewer');
  });

  it("A's comment and vote appear on B's screen without a reload", async () => {
    // a marker that a reload would wipe out
    await b.evaluate(() => ((window as unknown as Record<string, unknown>)['__noReload'] = true));
    const before = await tally(b);
    expect(await tally(a)).toEqual(before);

    const text = `Live from the browser test ${unique()}`;
    await a.locator('[data-testid=comment-input]').fill(text);
    await a.locator('[data-testid=comment-submit]').click();
    await a.locator('[data-testid=comment]', { hasText: text }).waitFor();

    // vote the other way from A's current vote (the seed has Grandma Liu supporting)
    const supporting = (await a.locator('[data-testid=vote-support]').getAttribute('aria-pressed')) === 'true';
    await a.locator(supporting ? '[data-testid=vote-oppose]' : '[data-testid=vote-support]').click();
    const expected = supporting
      ? { support: String(Number(before.support) - 1), oppose: String(Number(before.oppose) + 1) }
      : { support: String(Number(before.support) + 1), oppose: before.oppose };

    await b.locator('[data-testid=comment]', { hasText: text }).waitFor({ timeout: 15_000 });
    await expectText(b, '[data-testid=tally-support]', (t) => t === expected.support, 'B support tally');
    await expectText(b, '[data-testid=tally-oppose]', (t) => t === expected.oppose, 'B oppose tally');
    expect(await tally(b)).toEqual(expected);
    await expectText(a, '[data-testid=tally-support]', (t) => t === expected.support, 'A support tally');

    expect(await b.evaluate(() => (window as unknown as Record<string, unknown>)['__noReload'])).toBe(true);
    const comment = b.locator('[data-testid=comment]', { hasText: text });
    expect(await comment.count()).toBe(1);
    expect(await comment.textContent()).toContain('Grandma Liu');

    mkdirSync(ARTIFACTS, { recursive: true });
    await b.screenshot({ path: join(ARTIFACTS, 'proposal.png'), fullPage: true });
  });
});

describe('a live event that never arrived', () => {
  it('is made up: the next event reveals the gap by its number and the page reloads what it shows', async () => {
    const page = await newPage();
    await signIn(page, DEMO.resident2, 'Xiao Zhang');
    await page.goto(`${server.baseUrl}/proposals/${proposalId}`);
    await page.locator('[data-testid=comment-input]').waitFor();
    await page.evaluate(() => ((window as unknown as Record<string, unknown>)['__noReload'] = true));

    // A comment whose live event was lost for good: written straight to the database,
    // its event number taken in the stream but the event itself gone.
    const lost = `Lost on the way ${unique()}`;
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO comments (proposal_id, author_id, body) SELECT $1, id, $2 FROM users WHERE email = $3`,
        [proposalId, lost, DEMO.resident],
      );
      const bumped = await db.query(`UPDATE event_streams SET last_seq = last_seq + 1 WHERE stream = $1`, [
        `COMMENT_ADDED:${proposalId}`,
      ]);
      expect(bumped.rowCount).toBe(1); // the stream exists: the tests above posted comments on it
    } finally {
      await db.end();
    }
    expect(await page.locator('[data-testid=comment]', { hasText: lost }).count()).toBe(0);

    // The next comment arrives live, numbered one past the lost one: the page refetches and shows both.
    const token = await apiFor(server).login(DEMO.resident);
    const next = `After the lost one ${unique()}`;
    ok(
      await apiFor(server).gql(
        'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
        { i: { proposalId, body: next } },
        token,
      ),
    );
    await page.locator('[data-testid=comment]', { hasText: next }).waitFor();
    await page.locator('[data-testid=comment]', { hasText: lost }).waitFor();
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>)['__noReload'])).toBe(true);
  });
});

describe('accessibility (axe-core): no serious or critical violations', () => {
  let signedIn: Page | null = null;
  let anonymous: Page | null = null;

  // The signed-in pages are checked as resident A sees them (vote buttons, comment form);
  // the sign-in page as an anonymous visitor sees it.
  const pages: Array<[string, () => string, string, 'signedIn' | 'anonymous']> = [
    ['the proposal page', () => `/proposals/${proposalId}`, '[data-testid=comment-input]', 'signedIn'],
    ['the proposal list', () => '/proposals', '[data-testid=proposal-card]', 'signedIn'],
    ['the needs page', () => '/needs', '[data-testid=need-card]', 'signedIn'],
    ['the sign-in page', () => '/signin', '[data-testid=signin-submit]', 'anonymous'],
  ];

  it.each(pages)('%s', async (_name, path, ready, as) => {
    let page: Page;
    if (as === 'signedIn') {
      if (!signedIn) {
        signedIn = await newPage();
        await signIn(signedIn, DEMO.resident, 'Grandma Liu');
      }
      page = signedIn;
    } else {
      anonymous ??= await newPage();
      page = anonymous;
    }
    await page.goto(`${server.baseUrl}${path()}`);
    await page.locator(ready).first().waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
    expect(bad).toEqual([]);
    // axe really ran against the rendered page
    expect(results.passes.length).toBeGreaterThan(0);
    expect(results.url).toContain(path());
  });
});

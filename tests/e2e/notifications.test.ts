/**
 * A resident has the site open in real Chromium. She sends feedback from the
 * feedback page; the fund's side answers it through the API. Without a reload
 * her bell counts the new notification, the feedback item shows the answer,
 * and the inbox (reached through the bell, still without a reload) lists the
 * answer at the top and takes a second answer live. Opening a notification
 * marks it read; "Mark all as read" empties the count. Then axe-core checks
 * the notifications, feedback and moderation pages and a proposal page with
 * its revision timeline.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

let server: StartedServer;
let api: Api;
let browser: Browser;
const contexts: BrowserContext[] = [];
let tokens: Record<'gov' | 'resident' | 'admin', string>;
let fundId: string;

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const all = await api.demoTokens();
  tokens = { gov: all.gov, resident: all.resident, admin: all.admin };
  fundId = (ok(await api.gql('{ funds { id } }')).funds as Array<{ id: string }>)[0]!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const RESPOND = `mutation ($id: ID!, $status: FeedbackStatus!, $response: String!) {
  respondToFeedback(feedbackId: $id, status: $status, response: $response) { id status }
}`;

describe('a resident is told live when the fund answers her feedback', () => {
  let page: Page;
  let feedbackId: string;
  let before: number;
  const body = `The bins behind building 5 overflow every weekend ${unique()}`;

  it('signs in and sends feedback from the feedback page', async () => {
    page = await newPage(browser, contexts);
    await signIn(page, server.baseUrl, DEMO.resident, 'Grandma Liu');
    await page.goto(`${server.baseUrl}/feedback`);
    await page.locator('[data-testid=feedback-form]').waitFor();
    await page.locator('[data-testid=feedback-body-input]').fill(body);
    await page.locator('[data-testid=feedback-submit]').click();
    await expectText(page, '[data-testid=feedback-form] [role=status]', (t) => t.includes('received'), 'thank-you');

    // the new item is listed for its author, still RECEIVED
    const item = page.locator('[data-testid=feedback-item]', { hasText: body });
    await item.waitFor();
    expect(await item.locator('[data-testid=feedback-status]').getAttribute('data-status')).toBe('RECEIVED');

    const mine = ok(
      await api.gql('query ($f: ID!) { feedback(fundId: $f, mine: true) { id body } }', { f: fundId }, tokens.resident),
    ).feedback as Array<{ id: string; body: string }>;
    const found = mine.find((f) => f.body === body);
    expect(found).toBeDefined();
    feedbackId = found!.id;
    before = ok(await api.gql('{ unreadNotificationCount }', {}, tokens.resident)).unreadNotificationCount;
    await expectText(page, '[data-testid=notification-count]', (t) => t === String(before), 'the bell shows the count');
  });

  it('sees the bell count and the answer change without a reload when the government answers', async () => {
    await markNoReload(page);
    const answer = `We have asked the cleaning company for a Sunday round ${unique()}`;
    ok(await api.gql(RESPOND, { id: feedbackId, status: 'ACKNOWLEDGED', response: answer }, tokens.gov));

    await expectText(page, '[data-testid=notification-count]', (t) => t === String(before + 1), 'bell count + 1');
    const item = page.locator(`#feedback-${feedbackId}`);
    await expectText(
      page,
      `#feedback-${feedbackId} [data-testid=feedback-response]`,
      (t) => t.includes(answer),
      'answer',
    );
    expect(await item.locator('[data-testid=feedback-status]').getAttribute('data-status')).toBe('ACKNOWLEDGED');
    expect(await stillNoReload(page)).toBe(true);
  });

  it('opens the inbox from the bell: the answer is first and unread, and a second answer arrives live', async () => {
    await page.locator('[data-testid=notification-bell]').click();
    await page.waitForURL('**/notifications');
    const first = page.locator('[data-testid=notification]').first();
    await first.waitFor();
    expect(await first.getAttribute('data-kind')).toBe('FEEDBACK_ANSWERED');
    expect(await first.getAttribute('data-read')).toBe('false');
    const total = await page.locator('[data-testid=notification]').count();

    const final = `Done: a Sunday round starts this week ${unique()}`;
    ok(await api.gql(RESPOND, { id: feedbackId, status: 'ADDRESSED', response: final }, tokens.gov));
    await expectText(page, '[data-testid=notification-count]', (t) => t === String(before + 2), 'bell count + 2');
    await expectText(
      page,
      '[data-testid=notification]',
      (t) => t.includes(final.slice(0, 40)),
      'the newest notification carries the answer',
    );
    expect(await page.locator('[data-testid=notification]').count()).toBe(total + 1);
    expect(await stillNoReload(page)).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'notifications.png'), fullPage: true });
  });

  it('opening a notification marks it read and leads to the answered feedback; "mark all" clears the count', async () => {
    const newest = page.locator('[data-testid=notification]').first();
    await newest.locator('[data-testid=notification-link]').click();
    await page.waitForURL((url) => url.pathname === '/feedback' && url.hash === `#feedback-${feedbackId}`);
    await expectText(page, '[data-testid=notification-count]', (t) => t === String(before + 1), 'one fewer unread');
    await page.locator(`#feedback-${feedbackId}`).waitFor();
    expect(await page.locator(`#feedback-${feedbackId} [data-testid=feedback-response]`).count()).toBe(2);

    await page.locator('[data-testid=notification-bell]').click();
    await page.waitForURL('**/notifications');
    expect(await page.locator('[data-testid=notification]').first().getAttribute('data-read')).toBe('true');
    await page.locator('[data-testid=notifications-mark-all]').click();
    await expectText(page, '[data-testid=notification-count]', (t) => t === '0', 'nothing unread');
    await expectText(page, '[data-testid=notifications-unread-count]', (t) => !/\d/.test(t), 'all read');
    expect(await page.locator('[data-testid=notification][data-read=false]').count()).toBe(0);
    expect(await stillNoReload(page)).toBe(true);

    // the server agrees
    const unread = ok(await api.gql('{ unreadNotificationCount }', {}, tokens.resident)).unreadNotificationCount;
    expect(unread).toBe(0);
  });
});

describe('accessibility (axe-core): no serious or critical violations', () => {
  const pages: Array<[string, string, () => Promise<string>, string]> = [
    ['the notifications page', 'resident', async () => '/notifications', '[data-testid=notification]'],
    ['the feedback page', 'resident', async () => '/feedback', '[data-testid=feedback-item]'],
    ['the feedback page, fund side', 'gov', async () => '/feedback', '[data-testid=feedback-respond-open]'],
    ['the moderation queue', 'admin', async () => '/moderation', '[data-testid=moderation-item]'],
    [
      'a proposal with revisions',
      'admin',
      async () => {
        const list = ok(await api.gql('{ proposals(first: 50) { nodes { id revisions { id } } } }')).proposals
          .nodes as Array<{ id: string; revisions: unknown[] }>;
        const revised = list.find((p) => p.revisions.length > 0);
        expect(revised).toBeDefined();
        return `/proposals/${revised!.id}`;
      },
      '[data-testid=revision]',
    ],
  ];
  const signedIn = new Map<string, Page>();
  const names: Record<string, [string, string]> = {
    resident: [DEMO.resident, 'Grandma Liu'],
    gov: [DEMO.gov, ''],
    admin: [DEMO.admin, ''],
  };

  it.each(pages)('%s', async (_name, who, path, ready) => {
    let page = signedIn.get(who);
    if (!page) {
      page = await newPage(browser, contexts);
      const [email, display] = names[who]!;
      await signIn(page, server.baseUrl, email, display);
      signedIn.set(who, page);
    }
    const url = await path();
    await page.goto(`${server.baseUrl}${url}`);
    await page.locator(ready).first().waitFor();
    // the fund side's answer form, opened
    if (ready.includes('respond-open')) {
      await page.locator(ready).first().click();
      await page.locator('[data-testid=feedback-respond-text]').first().waitFor();
    }
    const result = await seriousViolations(page);
    expect(result.violations).toEqual([]);
    expect(result.passes).toBeGreaterThan(0);
    expect(result.url).toContain(url);
  });
});

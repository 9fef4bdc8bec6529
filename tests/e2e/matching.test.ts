/**
 * Matching in real Chromium against the built server and client, on the demo
 * data (the demo enterprise and social work centre declared offers in the
 * seed). The lift proposal, in consultation, lists the organizations that fit it with
 * their reasons; the social work centre's page shows its offer, its record
 * and the open needs and proposals that fit it; signed in as its member, the
 * offer is changed through the form and the page shows the change. axe-core
 * finds no serious or critical violation.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { expectText, launchBrowser, newPage, seriousViolations, signIn } from '../support/browser.js';
import { apiFor, DEMO, ok, startServer, type Api, type StartedServer } from '../support/server.js';

let server: StartedServer;
let api: Api;
let browser: Browser;
const contexts: BrowserContext[] = [];
let consultation: { id: string; title: string };
let centre: { id: string; name: string };

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const proposals = ok(
    await api.gql(
      '{ proposals(status: [CONSULTATION], category: PROPERTY_SERVICES, first: 5) { nodes { id title } } }',
    ),
  ).proposals.nodes as Array<{ id: string; title: string }>;
  expect(proposals.length).toBeGreaterThan(0);
  consultation = proposals[0]!;
  const orgs = ok(await api.gql('{ organizations(type: SOCIAL_ORGANIZATION) { id name verified } }'))
    .organizations as Array<{ id: string; name: string; verified: boolean }>;
  centre = orgs.find((o) => o.verified && o.name.includes('Social Work'))!;
  expect(centre).toBeDefined();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

it('shows who fits a proposal, and why', async () => {
  const page = await newPage(browser, contexts);
  await page.goto(`${server.baseUrl}/proposals/${consultation.id}`);
  await page.getByTestId('proposal-matches').waitFor();
  // The lift: the social work centre offers property services and serves the Old Street Compound.
  await expectText(
    page,
    '[data-testid=proposal-matches] [data-testid=match]',
    (t) => t.includes(centre.name) && t.includes('Offers PROPERTY_SERVICES') && t.includes('Serves Old Street'),
    'the best match and its reasons',
  );
  const axe = await seriousViolations(page);
  expect(axe.violations).toEqual([]);
  expect(axe.passes).toBeGreaterThan(0);
});

it('shows an organization its offer, record and opportunities, and lets a member change the offer', async () => {
  const page = await newPage(browser, contexts);
  await signIn(page, server.baseUrl, DEMO.ngo, 'Social Work Centre (Wang Fang)');
  await page.goto(`${server.baseUrl}/organizations/${centre.id}`);
  await expectText(page, '[data-testid=offer]', (t) => t.includes('Elderly care'), 'the declared offer');
  await expectText(page, '[data-testid=track-record]', (t) => /projects? completed/.test(t), 'the track record');
  const opportunities = page.getByTestId('opportunity');
  await opportunities.first().waitFor();
  expect(await opportunities.count()).toBeGreaterThan(0);

  await page.getByText('Change what we offer').click();
  const form = page.getByTestId('declare-offer');
  await form.getByTestId('offer-categories').getByLabel('Environment').check();
  await form.getByTestId('declare-offer-submit').click();
  await expectText(page, '[data-testid=declare-offer] [role=status]', (t) => t.startsWith('Saved'), 'saved');
  await expectText(page, '[data-testid=offer]', (t) => t.includes('Environment'), 'the changed offer');
  const offer = ok(
    await api.gql('query Q($id: ID!) { organization(id: $id) { offer { categories } } }', { id: centre.id }),
  ).organization.offer;
  expect(offer.categories).toContain('ENVIRONMENT');
  const axe = await seriousViolations(page);
  expect(axe.violations).toEqual([]);
  expect(axe.passes).toBeGreaterThan(0);
});

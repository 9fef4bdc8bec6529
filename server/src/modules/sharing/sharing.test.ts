import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProposalStatus, Role } from '@commonweal/shared';
import { PNG } from 'pngjs';
import { errorCode, Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';
import { BAR, CARD } from './share-card.js';

const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Commonweal: a community fund run in the open." />
    <title>Commonweal</title>
  </head>
  <body><div id="root"></div></body>
</html>`;

const SHARE = `mutation($kind: ShareKind!, $id: ID!) { createShareLink(kind: $kind, id: $id) { code shortPath path } }`;

/** The content of `<meta property|name="key" content="...">` in a page, unescaped once. */
function meta(html: string, key: string): string | null {
  const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html);
  return match
    ? match[1]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
    : null;
}

describe('shared pages: previews without JavaScript, card images and short links', () => {
  let h: Harness;
  let dist: string;
  let base: string;
  let proposalId: string;
  let draftId: string;
  let campaignId: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cw-shell-'));
    writeFileSync(join(dist, 'index.html'), SHELL);
    h = await startHarness({ env: { CLIENT_DIST: dist } });
    base = h.url.replace(/\/graphql$/, '');
    const f = new Factory(h);
    const { fund } = await f.fund();
    const [resident, admin] = await f.users(Role.RESIDENT, Role.FUND_ADMIN);
    const p = await seedProposal(h, {
      fundId: fund.id,
      authorId: resident.user.id,
      status: ProposalStatus.CONSULTATION,
      consultationEndsAt: new Date(Date.now() + 7 * 86_400_000),
    });
    proposalId = p.id;
    // A title a preview must escape, and a tally: 3 support, 1 oppose.
    await h.db.dataSource.query(`UPDATE proposals SET title = $2, summary = $3 WHERE id = $1`, [
      p.id,
      'Benches & "shade" <by the river>',
      'Six benches and two trees along the river walk.',
    ]);
    const voters = await f.users(Role.RESIDENT, Role.RESIDENT, Role.RESIDENT, Role.RESIDENT);
    for (const [i, v] of voters.entries()) {
      const vote = await h.gql(
        `mutation($id: ID!, $c: VoteChoice!) { castVote(proposalId: $id, choice: $c) { id } }`,
        { id: p.id, c: i < 3 ? 'SUPPORT' : 'OPPOSE' },
        v.token,
      );
      expect(vote.errors).toBeUndefined();
    }
    draftId = (await seedProposal(h, { fundId: fund.id, authorId: resident.user.id, status: ProposalStatus.DRAFT })).id;
    const campaign = await h.gql<any>(
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      { i: { fundId: fund.id, title: 'Winter coats', description: 'Coats for 40 elders.', goalMinor: 1_000_000 } },
      admin.token,
    );
    expect(campaign.errors).toBeUndefined();
    campaignId = campaign.data.createCampaign.id;
    await h.gql(`mutation($i: DonateInput!) { donate(input: $i) { id } }`, {
      i: { campaignId, amountMinor: 250_000, displayName: 'A neighbour', idempotencyKey: 'share-test-donation-1' },
    });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves a proposal’s page with its Open Graph and Twitter tags in the HTML, escaped', async () => {
    const res = await fetch(`${base}/proposals/${proposalId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>'); // still the app
    expect(meta(html, 'og:title')).toBe('Benches & "shade" <by the river>');
    expect(html).not.toContain('<by the river>');
    expect(html).toContain('<title>Benches &amp; &quot;shade&quot; &lt;by the river&gt; · Commonweal</title>');
    expect(html.match(/<title>/g)).toHaveLength(1);
    const description = meta(html, 'og:description')!;
    expect(description).toContain('Six benches and two trees');
    expect(description).toContain('3 support, 1 oppose');
    expect(description).toContain('Budget ¥10,000.00');
    expect(description).toMatch(/consultation until \d{4}-\d{2}-\d{2}/);
    expect(meta(html, 'og:url')).toBe(`${base}/proposals/${proposalId}`);
    expect(meta(html, 'og:image')).toBe(`${base}/og/proposal/${proposalId}.png`);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:title')).toBe(meta(html, 'og:title'));
  });

  it('draws the card with the page’s progress: 3 of 4 votes in support fill three quarters of the bar', async () => {
    const res = await fetch(`${base}/og/proposal/${proposalId}.png`);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([CARD.width, CARD.height]);
    const at = (x: number) => {
      const i = (png.width * (BAR.y + 10) + x) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    const filled = at(BAR.x + 5);
    const empty = at(BAR.x + BAR.width - 5);
    expect(filled).not.toEqual(empty);
    expect(at(BAR.x + (BAR.width * 3) / 4 - 3)).toEqual(filled);
    expect(at(BAR.x + (BAR.width * 3) / 4 + 3)).toEqual(empty);
    // The campaign: 2,500 of 10,000 yuan raised -> a quarter.
    const coat = PNG.sync.read(Buffer.from(await (await fetch(`${base}/og/campaign/${campaignId}.png`)).arrayBuffer()));
    const coatAt = (x: number) => coat.data[(coat.width * (BAR.y + 10) + x) * 4];
    expect(coatAt(BAR.x + BAR.width / 4 - 3)).toBe(filled[0]);
    expect(coatAt(BAR.x + BAR.width / 4 + 3)).toBe(empty[0]);
  });

  it('gives a campaign, a need and the fund their previews too', async () => {
    const campaign = await (await fetch(`${base}/campaigns/${campaignId}`)).text();
    expect(meta(campaign, 'og:title')).toBe('Winter coats');
    expect(meta(campaign, 'og:description')).toContain('¥2,500.00 raised of ¥10,000.00 from 1 donors');
    const [need] = await h.db.dataSource.query(
      `INSERT INTO needs (fund_id, author_id, title, description, category, status, support_count)
       SELECT fund_id, author_id, 'Shade on the river walk', 'Trees along the walk.', 'ENVIRONMENT', 'OPEN', 12
         FROM proposals WHERE id = $1 RETURNING id`,
      [proposalId],
    );
    const needPage = await (await fetch(`${base}/needs/${need.id}`)).text();
    expect(meta(needPage, 'og:title')).toBe('Shade on the river walk');
    expect(meta(needPage, 'og:description')).toContain('12 residents support this need');
    const fund = await (await fetch(`${base}/`)).text();
    expect(meta(fund, 'og:title')).toMatch(/^Fund /);
    // Feed readers find the fund's activity feed from its page.
    expect(fund).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" [^>]*href="[^"]+\/funds\/[0-9a-f-]+\/activity\.atom"/,
    );
  });

  it('shows nothing of what the public may not see, and keeps the plain shell for unknown pages', async () => {
    for (const path of [`/proposals/${draftId}`, '/proposals/not-an-id', `/campaigns/${proposalId}`, '/ledger']) {
      const html = await (await fetch(`${base}${path}`)).text();
      expect(html).toContain('<title>Commonweal</title>');
      expect(meta(html, 'og:title')).toBeNull();
    }
    expect((await fetch(`${base}/og/proposal/${draftId}.png`)).headers.get('content-type')).toContain('text/html');
  });

  it('makes one short link per page, for anyone, leading to the page; none for a draft', async () => {
    const first = await h.gql<any>(SHARE, { kind: 'PROPOSAL', id: proposalId });
    expect(first.errors).toBeUndefined();
    const { code, shortPath, path } = first.data.createShareLink;
    expect(code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(shortPath).toBe(`/s/${code}`);
    expect(path).toBe(`/proposals/${proposalId}`);
    const again = await Promise.all([1, 2, 3].map(() => h.gql<any>(SHARE, { kind: 'PROPOSAL', id: proposalId })));
    expect(again.map((r) => r.data.createShareLink.code)).toEqual([code, code, code]);
    const redirect = await fetch(`${base}${shortPath}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(path);
    expect(errorCode(await h.gql(SHARE, { kind: 'PROPOSAL', id: draftId }))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(SHARE, { kind: 'CAMPAIGN', id: proposalId }))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(SHARE, { kind: 'PROPOSAL', id: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(await h.db.dataSource.query('SELECT code FROM share_links')).toHaveLength(1);
    const unknown = await fetch(`${base}/s/zzzzzzzz`, { redirect: 'manual' });
    expect(unknown.status).toBe(200); // the app shell, which shows its own "not found"
  });
});

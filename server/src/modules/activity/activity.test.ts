import { ProposalStatus, Role } from '@commonweal/shared';
import { xml2js } from 'xml-js';
import { Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';

const OPEN = `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`;
const DECIDE = `mutation($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE, note: "ok") { id } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawProposal(proposalId: $id) { id } }`;

type Node = { _text?: string; _cdata?: string | string[]; _attributes?: Record<string, string> };
type Entry = { id: Node; title: Node; link: Node };
interface Parsed {
  feed: { title: Node; entry?: Entry[] | Entry };
}

/** The feed parsed as XML (throws on anything not well-formed). */
const parse = (xml: string) => xml2js(xml, { compact: true }) as unknown as Parsed;
/** A text as a reader gets it: CDATA split around a "]]>" in the text reads as one. */
const textOf = (n: Node) => [n._cdata ?? n._text ?? ''].flat().join('');

/** The feed's entries, newest first: [title, link, id]. */
function entries(xml: string): Array<[string, string, string]> {
  const raw = parse(xml).feed.entry ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map((e) => [textOf(e.title), e.link._attributes!['href']!, textOf(e.id)]);
}

describe('the fund’s activity feed (Atom)', () => {
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    h = await startHarness();
    base = h.url.replace(/\/graphql$/, '');
  });
  afterAll(() => h.close());

  it('lists what became public, newest first, and nothing of drafts or of other funds', async () => {
    const f = new Factory(h);
    const { fund } = await f.fund();
    const other = (await f.fund()).fund;
    const [admin, author] = await f.users(Role.FUND_ADMIN, Role.RESIDENT);
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const shown = await seedProposal(h, { fundId: fund.id, authorId: author.user.id, status: ProposalStatus.DRAFT });
    const secret = await seedProposal(h, { fundId: fund.id, authorId: author.user.id, status: ProposalStatus.DRAFT });
    const elsewhere = await seedProposal(h, {
      fundId: other.id,
      authorId: author.user.id,
      status: ProposalStatus.DRAFT,
    });
    await h.db.dataSource.query(`UPDATE proposals SET title = 'A secret draft' WHERE id = $1`, [secret.id]);
    for (const p of [shown, elsewhere]) {
      expect((await h.gql(OPEN, { id: p.id, at: inDays(7) }, admin.token)).errors).toBeUndefined();
    }
    expect((await h.gql(DECIDE, { id: shown.id }, admin.token)).errors).toBeUndefined();
    expect((await h.gql(WITHDRAW, { id: secret.id }, admin.token)).errors).toBeUndefined();
    const campaign = await h.gql<any>(
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      {
        i: {
          fundId: fund.id,
          title: 'Winter coats & hats ]]> <b>warm</b>',
          description: 'Coats for 40 elders.',
          goalMinor: 1_000_000,
        },
      },
      admin.token,
    );
    expect(campaign.errors).toBeUndefined();

    const res = await fetch(`${base}/funds/${fund.id}/activity.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(textOf(parse(xml).feed.title)).toBe(`${fund.name}: activity`);
    const got = entries(xml);
    expect(got.map(([title, link]) => [title, link])).toEqual([
      ['Campaign opened: Winter coats & hats ]]> <b>warm</b>', `${base}/campaigns/${campaign.data.createCampaign.id}`],
      [`Approved: ${shown.title}`, `${base}/proposals/${shown.id}`],
      [`Open for consultation: ${shown.title}`, `${base}/proposals/${shown.id}`],
    ]);
    expect(xml).not.toContain('A secret draft');
    expect(xml).not.toContain(elsewhere.id);
    // Each entry keeps its id (its audit entry) from one reading to the next.
    const ids = got.map(([, , id]) => id);
    expect(ids.every((id) => /^urn:commonweal:activity:\d+$/.test(id))).toBe(true);
    const again = entries(await (await fetch(`${base}/funds/${fund.id}/activity.atom`)).text());
    expect(again.map(([, , id]) => id)).toEqual(ids);
  });

  it('answers an unknown fund with the plain not-found', async () => {
    expect((await fetch(`${base}/funds/00000000-0000-4000-8000-000000000000/activity.atom`)).status).toBe(404);
    expect((await fetch(`${base}/funds/nope/activity.atom`)).status).toBe(404);
  });
});

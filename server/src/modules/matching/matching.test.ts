import { Category, OrganizationType, ProposalStatus, Role } from '@commonweal/shared';
import { errorCode, Factory, seedProposal, startHarness, type Harness } from '../../test-support/harness.js';

const DECLARE = `mutation($input: DeclareOfferInput!) { declareOffer(input: $input) {
  id offer { categories kinds neighborhoods { id } yearlyBudgetMin { minorUnits currency } yearlyBudgetMax { amount } } } }`;
const MATCH_FIELDS = 'score organization { name type } reasons { kind points detail }';
const NEED_MATCHES = `query($id: ID!) { needs(fundId: $id) { nodes { id matches { ${MATCH_FIELDS} } } } }`;
const PROPOSAL_MATCHES = `query($id: ID!, $type: OrganizationType) { proposal(id: $id) { matches(type: $type) { ${MATCH_FIELDS} } } }`;
const ORG = `query($id: ID!) { organization(id: $id) {
  trackRecord { projectsCompleted projectsInProgress progressReportedPercent sponsorshipsFulfilled }
  opportunities { score need { id } proposal { id } reasons { kind points } } } }`;

const DAY = 86_400_000;

describe('matching needs and proposals to organizations', () => {
  let h: Harness;
  let f: Factory;
  const sql = (text: string, params: unknown[] = []) => h.db.dataSource.query(text, params);

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
  });
  afterAll(() => h.close());

  /** A verified organization named `name`, with a member, declaring `offer` through the API. */
  async function declared(name: string, type: OrganizationType, offer: Record<string, unknown>) {
    const role = type === OrganizationType.ENTERPRISE ? Role.ENTERPRISE : Role.SOCIAL_ORGANIZATION;
    const organization = await f.organization(type);
    await sql('UPDATE organizations SET name = $2 WHERE id = $1', [organization.id, name]);
    const member = await f.user(role, { organization });
    const res = await h.gql<any>(DECLARE, { input: { organizationId: organization.id, ...offer } }, member.token);
    expect(res.errors).toBeUndefined();
    return { organization, member };
  }

  it('lets members (and FUND_ADMIN) declare what their organization offers, and refuses bad declarations writing nothing', async () => {
    const { fund, neighborhood } = await f.fund();
    const enterprise = await f.user(Role.ENTERPRISE);
    const orgId = enterprise.organization!.id;
    const [admin, resident, outsider, gov] = await f.users(
      Role.FUND_ADMIN,
      Role.RESIDENT,
      Role.ENTERPRISE,
      Role.GOVERNMENT,
    );
    const input = {
      organizationId: orgId,
      categories: ['ELDERLY_CARE', 'HEALTHCARE'],
      kinds: ['FUNDS'],
      yearlyBudgetMinMinor: 1_000_000,
      yearlyBudgetMaxMinor: 10_000_000,
      currency: 'cny',
    };
    expect(errorCode(await h.gql(DECLARE, { input }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(DECLARE, { input }, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(DECLARE, { input }, outsider.token))).toBe('FORBIDDEN');
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ categories: [] }, 'categories'],
      [{ categories: ['ELDERLY_CARE', 'ELDERLY_CARE'] }, 'categories'],
      [{ kinds: [] }, 'kinds'],
      [{ yearlyBudgetMinMinor: 20_000_000 }, 'yearlyBudgetMaxMinor'],
      [{ yearlyBudgetMinMinor: -1 }, 'yearlyBudgetMinMinor'],
      [{ currency: null }, 'currency'],
      [{ currency: 'yuan' }, 'currency'],
      [{ neighborhoodIds: ['00000000-0000-4000-8000-000000000000'] }, 'neighborhoodIds'],
      [{ neighborhoodIds: ['not-an-id'] }, 'neighborhoodIds'],
    ];
    for (const [change, field] of bad) {
      const res = await h.gql(DECLARE, { input: { ...input, ...change } }, enterprise.token);
      expect([errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    const government = gov.organization!.id;
    expect(errorCode(await h.gql(DECLARE, { input: { ...input, organizationId: government } }, gov.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await sql('SELECT 1 FROM organization_offers')).toHaveLength(0);

    const ok = await h.gql<any>(DECLARE, { input: { ...input, neighborhoodIds: [neighborhood.id] } }, enterprise.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.declareOffer.offer).toEqual({
      categories: ['ELDERLY_CARE', 'HEALTHCARE'],
      kinds: ['FUNDS'],
      neighborhoods: [{ id: neighborhood.id }],
      yearlyBudgetMin: { minorUnits: 1_000_000, currency: 'CNY' },
      yearlyBudgetMax: { amount: '100000.00' },
    });
    // Declaring again replaces it, and FUND_ADMIN may declare for the organization (e.g. from a paper form).
    const again = await h.gql<any>(
      DECLARE,
      { input: { organizationId: orgId, categories: ['ENVIRONMENT'], kinds: ['IN_KIND'] } },
      admin.token,
    );
    expect(again.data.declareOffer.offer).toMatchObject({
      categories: ['ENVIRONMENT'],
      kinds: ['IN_KIND'],
      yearlyBudgetMin: null,
    });
    expect(await sql('SELECT 1 FROM organization_offers WHERE organization_id = $1', [orgId])).toHaveLength(1);
    // Only enterprises name kinds and budgets.
    const ngo = await f.user(Role.SOCIAL_ORGANIZATION);
    const ngoInput = { organizationId: ngo.organization!.id, categories: ['ELDERLY_CARE'] };
    expect(errorCode(await h.gql(DECLARE, { input: { ...ngoInput, kinds: ['FUNDS'] } }, ngo.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await h.gql(DECLARE, { input: { ...ngoInput, yearlyBudgetMinMinor: 1, currency: 'CNY' } }, ngo.token)),
    ).toBe('BAD_USER_INPUT');
    void fund;
  });

  it('ranks organizations for a need and a proposal on the fixtures, with the hand-computed scores and reasons', async () => {
    await sql('DELETE FROM organization_offers');
    const { fund, neighborhood } = await f.fund();
    const resident = await f.user(Role.RESIDENT);
    const [need] = await sql(
      `INSERT INTO needs (fund_id, neighborhood_id, author_id, title, description, category, status)
       VALUES ($1, $2, $3, 'Meals for the elderly', 'Hot lunches for those living alone.', 'ELDERLY_CARE', 'OPEN') RETURNING id`,
      [fund.id, neighborhood.id, resident.user.id],
    );
    const local = await declared('A local carers', OrganizationType.SOCIAL_ORGANIZATION, {
      categories: ['ELDERLY_CARE'],
      neighborhoodIds: [neighborhood.id],
    });
    const veteran = await declared('B veteran carers', OrganizationType.SOCIAL_ORGANIZATION, {
      categories: ['ELDERLY_CARE', 'HEALTHCARE'],
    });
    await declared('C bank', OrganizationType.ENTERPRISE, {
      categories: ['ELDERLY_CARE'],
      kinds: ['FUNDS'],
      yearlyBudgetMinMinor: 100_000,
      yearlyBudgetMaxMinor: 5_000_000,
      currency: 'CNY',
    });
    await declared('D youth club', OrganizationType.SOCIAL_ORGANIZATION, {
      categories: ['YOUTH_EDUCATION'],
      neighborhoodIds: [neighborhood.id],
    });
    const unverified = await declared('E not verified', OrganizationType.SOCIAL_ORGANIZATION, {
      categories: ['ELDERLY_CARE'],
      neighborhoodIds: [neighborhood.id],
    });
    await sql('UPDATE organizations SET verified = false WHERE id = $1', [unverified.organization.id]);

    // The veteran's record, from the platform's own data: one completed project, awarded 95 days before it
    // completed 5 days ago -> windows start at -100, -70, -40 days (3 complete 30-day windows), progress
    // reported in the first and the second: 66 %. One project in progress, awarded 20 days ago: no complete window.
    const past = (days: number) => new Date(Date.now() - days * DAY);
    const done = await seedProposal(h, {
      fundId: fund.id,
      authorId: resident.user.id,
      status: ProposalStatus.COMPLETED,
    });
    const going = await seedProposal(h, {
      fundId: fund.id,
      authorId: resident.user.id,
      status: ProposalStatus.IN_PROGRESS,
    });
    await sql('UPDATE proposals SET updated_at = $2 WHERE id = $1', [done.id, past(5)]);
    for (const [proposal, awardedDaysAgo] of [
      [done, 100],
      [going, 20],
    ] as const) {
      await sql(
        `INSERT INTO bids (proposal_id, organization_id, submitted_by, amount_minor, plan, duration_days, status, submitted_at, updated_at)
         VALUES ($1, $2, $3, 1000, 'The plan', 30, 'AWARDED', $4, $4)`,
        [proposal.id, veteran.organization.id, veteran.member.user.id, past(awardedDaysAgo)],
      );
    }
    for (const daysAgo of [95, 50])
      await sql(
        `INSERT INTO progress_updates (proposal_id, author_id, body, percent_complete, created_at) VALUES ($1, $2, 'Update', 50, $3)`,
        [done.id, veteran.member.user.id, past(daysAgo)],
      );

    const record = await h.gql<any>(ORG, { id: veteran.organization.id });
    expect(record.data.organization.trackRecord).toEqual({
      projectsCompleted: 1,
      projectsInProgress: 1,
      progressReportedPercent: 66,
      sponsorshipsFulfilled: 0,
    });

    // The need: A = 40 + 30 = 70; B = 40 + 5 (one project) + 6 (66 % on time) = 51; C = 40; D: other category;
    // E: not verified.
    const needs = await h.gql<any>(NEED_MATCHES, { id: fund.id });
    const matches = needs.data.needs.nodes.find((n: any) => n.id === need.id).matches;
    expect(matches.map((m: any) => [m.organization.name, m.score])).toEqual([
      ['A local carers', 70],
      ['B veteran carers', 51],
      ['C bank', 40],
    ]);
    expect(matches[1].reasons).toEqual([
      { kind: 'CATEGORY', points: 40, detail: 'Offers ELDERLY_CARE' },
      { kind: 'TRACK_RECORD', points: 11, detail: '1 project completed here; progress reported in 66% of months' },
    ]);
    expect(matches[0].reasons[1]).toEqual({ kind: 'NEIGHBORHOOD', points: 30, detail: `Serves ${neighborhood.name}` });

    // A proposal for that need, in consultation, budget 20,000 yuan: open to sponsors and deliverers alike.
    const proposal = await seedProposal(h, {
      fundId: fund.id,
      authorId: resident.user.id,
      status: ProposalStatus.CONSULTATION,
      budgetMinor: 2_000_000n,
    });
    await sql('UPDATE proposals SET need_id = $2 WHERE id = $1', [proposal.id, need.id]);
    const forProposal = await h.gql<any>(PROPOSAL_MATCHES, { id: proposal.id });
    // C now adds the budget: 20,000 yuan within [1,000, 50,000] -> 40 + 20 = 60.
    expect(forProposal.data.proposal.matches.map((m: any) => [m.organization.name, m.score])).toEqual([
      ['A local carers', 70],
      ['C bank', 60],
      ['B veteran carers', 51],
    ]);
    const sponsorsOnly = await h.gql<any>(PROPOSAL_MATCHES, { id: proposal.id, type: 'ENTERPRISE' });
    expect(sponsorsOnly.data.proposal.matches.map((m: any) => m.organization.name)).toEqual(['C bank']);
    expect(sponsorsOnly.data.proposal.matches[0].reasons.at(-1)).toEqual({
      kind: 'BUDGET_FIT',
      points: 20,
      detail: 'Budget ¥20,000.00 is within the yearly range it sponsors',
    });

    // And the other way round: what fits the local carers, best first (the need and the proposal both score 70;
    // the newer first). The completed project is not open.
    const opportunities = (await h.gql<any>(ORG, { id: local.organization.id })).data.organization.opportunities;
    expect(opportunities.map((o: any) => [o.proposal?.id ?? o.need.id, o.score])).toEqual([
      [proposal.id, 70],
      [need.id, 70],
    ]);
    expect((await h.gql<any>(ORG, { id: unverified.organization.id })).data.organization.opportunities).toEqual([]);
    // Many organizations in one answer are served together, each with what it would get alone.
    const all = await h.gql<any>('{ organizations { id opportunities { score need { id } proposal { id } } } }');
    expect(all.errors).toBeUndefined();
    for (const o of [local, veteran]) {
      const alone = (await h.gql<any>(ORG, { id: o.organization.id })).data.organization.opportunities;
      const together = all.data.organizations.find((x: any) => x.id === o.organization.id).opportunities;
      expect(together).toEqual(alone.map(({ reasons: _r, ...rest }: any) => rest));
    }
    const tooMany = await h.gql(PROPOSAL_MATCHES.replace('matches(type: $type)', 'matches(type: $type, first: 51)'), {
      id: proposal.id,
    });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });

  it('tells the members of fitting organizations when a proposal opens for sponsorship, then for bids', async () => {
    await sql('DELETE FROM organization_offers');
    const { fund } = await f.fund();
    const admin = await f.user(Role.FUND_ADMIN);
    const sponsor = await declared('Fitting sponsor', OrganizationType.ENTERPRISE, {
      categories: ['ELDERLY_CARE'],
      kinds: ['SERVICES'],
    });
    const deliverer = await declared('Fitting carers', OrganizationType.SOCIAL_ORGANIZATION, {
      categories: ['ELDERLY_CARE'],
    });
    const elsewhere = await declared('Other sponsor', OrganizationType.ENTERPRISE, {
      categories: [Category.ENVIRONMENT],
      kinds: ['FUNDS'],
    });
    const draft = await seedProposal(h, { fundId: fund.id, authorId: admin.user.id, status: ProposalStatus.DRAFT });
    const kinds = async (userId: string) =>
      (
        await sql(`SELECT kind FROM notifications WHERE user_id = $1 AND proposal_id = $2 ORDER BY created_at`, [
          userId,
          draft.id,
        ])
      ).map((r: { kind: string }) => r.kind);

    const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
    const open = await h.gql(
      `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`,
      { id: draft.id, at: inDays(7) },
      admin.token,
    );
    expect(open.errors).toBeUndefined();
    expect(await kinds(sponsor.member.user.id)).toEqual(['MATCHING_PROPOSAL_OPENED']);
    expect(await kinds(deliverer.member.user.id)).toEqual([]);
    expect(await kinds(elsewhere.member.user.id)).toEqual([]);

    await sql(`UPDATE proposals SET status = 'APPROVED' WHERE id = $1`, [draft.id]);
    const bidding = await h.gql(
      `mutation($id: ID!, $at: DateTime!) { openBidding(proposalId: $id, biddingClosesAt: $at) { id } }`,
      { id: draft.id, at: inDays(14) },
      admin.token,
    );
    expect(bidding.errors).toBeUndefined();
    expect(await kinds(deliverer.member.user.id)).toEqual(['MATCHING_PROPOSAL_OPENED']);
    expect(await kinds(sponsor.member.user.id)).toEqual(['MATCHING_PROPOSAL_OPENED']);
    const inbox = await h.gql<any>(
      '{ notifications(first: 5) { nodes { kind title subjectId } } }',
      {},
      deliverer.member.token,
    );
    expect(inbox.data.notifications.nodes[0]).toEqual({
      kind: 'MATCHING_PROPOSAL_OPENED',
      title: draft.title,
      subjectId: draft.id,
    });
  });
});

import { OrganizationType, Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, type Harness, type TestUser } from '../../test-support/harness.js';

type U = TestUser;

const PROPOSE = `mutation($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status kind proposedByFund organization { id } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToPartnership(partnershipId: $id, accept: $accept) { id status } }`;
const LIST = `query($f: ID!, $s: PartnershipStatus) { partnerships(fundId: $f, status: $s) { id status viewerCan { respond } } }`;

describe('partnerships', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let admin: U;
  let gov: U;
  let enterprise: U;
  let ngo: U;
  let resident: U;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
    [admin, gov, enterprise, ngo, resident] = await f.users(
      Role.FUND_ADMIN,
      Role.GOVERNMENT,
      Role.ENTERPRISE,
      Role.SOCIAL_ORGANIZATION,
      Role.RESIDENT,
    );
  });
  afterAll(() => h.close());

  const input = (organizationId: string, over: Record<string, unknown> = {}) => ({
    fundId,
    organizationId,
    title: 'Volunteer partnership',
    commitments: 'Two hundred volunteer hours a year and a van for events.',
    startsOn: new Date().toISOString(),
    endsOn: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    ...over,
  });
  const ids = async (who: U | null, status?: string) =>
    (
      (await h.gql<any>(LIST, { f: fundId, s: status ?? null }, who?.token)).data.partnerships as Array<{ id: string }>
    ).map((p) => p.id);

  it('is proposed by the fund’s side and answered by the organization, never by the proposer', async () => {
    const res = await h.gql<any>(PROPOSE, { input: input(enterprise.organization!.id) }, admin.token);
    expect(res.data.proposePartnership).toMatchObject({ status: 'PROPOSED', kind: 'STRATEGIC', proposedByFund: true });
    const id = res.data.proposePartnership.id;
    expect(await ids(resident)).not.toContain(id);
    expect(await ids(null)).not.toContain(id);
    expect(await ids(gov)).toContain(id);
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, admin.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, gov.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, ngo.token))).toBe('NOT_FOUND');
    expect((await h.gql<any>(RESPOND, { id, accept: true }, enterprise.token)).data.respondToPartnership.status).toBe(
      'ACTIVE',
    );
    expect(errorCode(await h.gql(RESPOND, { id, accept: false }, enterprise.token))).toBe('CONFLICT');
    expect(await ids(resident, 'ACTIVE')).toContain(id);
  });

  it('is proposed by an organization member and answered by the fund’s side', async () => {
    const res = await h.gql<any>(PROPOSE, { input: input(ngo.organization!.id) }, ngo.token);
    expect(res.data.proposePartnership.proposedByFund).toBe(false);
    const id = res.data.proposePartnership.id;
    expect(errorCode(await h.gql(PROPOSE, { input: input(ngo.organization!.id) }, enterprise.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(PROPOSE, { input: input(ngo.organization!.id) }, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(PROPOSE, { input: input(ngo.organization!.id) }))).toBe('UNAUTHENTICATED');
    const asGov = (await h.gql<any>(LIST, { f: fundId }, gov.token)).data.partnerships.find(
      (p: { id: string }) => p.id === id,
    );
    expect(asGov.viewerCan.respond).toBe(true);
    expect(errorCode(await h.gql(RESPOND, { id, accept: true }, ngo.token))).toBe('FORBIDDEN');
    expect((await h.gql<any>(RESPOND, { id, accept: false }, gov.token)).data.respondToPartnership.status).toBe(
      'DECLINED',
    );
    expect(await ids(resident)).not.toContain(id);
  });

  it('refuses bad proposals and writes nothing', async () => {
    const unverified = await f.organization(OrganizationType.FOUNDATION, false);
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM partnerships');
    const cases: Array<[Record<string, unknown>, string]> = [
      [input(unverified.id), 'CONFLICT'],
      [input('6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11'), 'NOT_FOUND'],
      [input(enterprise.organization!.id, { fundId: '6f1c1f9e-3a52-4c47-9a2a-1d6a2c9f0e11' }), 'NOT_FOUND'],
      [input(enterprise.organization!.id, { title: ' ' }), 'BAD_USER_INPUT'],
      [input(enterprise.organization!.id, { commitments: 'short' }), 'BAD_USER_INPUT'],
      [
        input(enterprise.organization!.id, { endsOn: new Date(Date.now() - 86_400_000).toISOString(), startsOn: null }),
        'BAD_USER_INPUT',
      ],
      [
        input(enterprise.organization!.id, { startsOn: new Date(Date.now() + 400 * 86_400_000).toISOString() }),
        'BAD_USER_INPUT',
      ],
    ];
    for (const [i, code] of cases)
      expect([i.title, errorCode(await h.gql(PROPOSE, { input: i }, admin.token))]).toEqual([i.title, code]);
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM partnerships')).toEqual(before);
  });

  it('shows an ACTIVE partnership past its end date as ENDED', async () => {
    const res = await h.gql<any>(PROPOSE, { input: input(enterprise.organization!.id) }, gov.token);
    const id = res.data.proposePartnership.id;
    await h.gql(RESPOND, { id, accept: true }, enterprise.token);
    await h.db.dataSource.query(
      `UPDATE partnerships SET starts_on = now() - interval '2 days', ends_on = now() - interval '1 day' WHERE id = $1`,
      [id],
    );
    expect(await ids(resident, 'ENDED')).toEqual([id]);
    expect(await ids(resident, 'ACTIVE')).not.toContain(id);
    const org = await h.gql<any>(
      `query($o: ID!) { organization(id: $o) { partnerships { id status } } }`,
      { o: enterprise.organization!.id },
      resident.token,
    );
    expect(org.data.organization.partnerships).toContainEqual({ id, status: 'ENDED' });
  });
});

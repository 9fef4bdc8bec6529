import { OrganizationType, Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, type Harness } from '../../test-support/harness.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id displayName role organization { id verified } neighborhood { id } } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }`;
const VIEWER = `{ viewer { id displayName role organization { name } } viewerMembership { id status organization { id } } }`;
const CREATE_PROPOSAL = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id organization { id } } }`;

describe('accounts and organizations', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;
  let neighborhoodId: string;
  let gov: Awaited<ReturnType<Factory['user']>>;
  let admin: Awaited<ReturnType<Factory['user']>>;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    const made = await f.fund();
    fundId = made.fund.id;
    neighborhoodId = made.neighborhood.id;
    gov = await f.user(Role.GOVERNMENT);
    admin = await f.user(Role.FUND_ADMIN);
  });
  afterAll(() => h.close());

  const proposalInput = () => ({
    fundId,
    title: 'A plan',
    summary: 'A summary of the plan',
    body: 'The plan body',
    category: 'OTHER',
    budgetMinor: 100,
  });
  let n = 0;
  const email = () => `Person${++n}@Example.org`;

  it('registers a resident, signs in case-insensitively, and knows the viewer', async () => {
    const address = email();
    const reg = await h.gql<any>(REGISTER, {
      input: { email: address, password: 'long-enough', displayName: ' Ada ', role: 'RESIDENT', neighborhoodId },
    });
    expect(reg.errors).toBeUndefined();
    expect(reg.data.register.user).toMatchObject({
      displayName: 'Ada',
      role: 'RESIDENT',
      organization: null,
      neighborhood: { id: neighborhoodId },
    });
    const login = await h.gql<any>(LOGIN, { e: address.toUpperCase(), p: 'long-enough' });
    const viewer = await h.gql<any>(VIEWER, {}, login.data.login.token);
    expect(viewer.data.viewer.id).toBe(reg.data.register.user.id);
    expect((await h.gql<any>(VIEWER)).data.viewer).toBeNull();
    expect(errorCode(await h.gql(LOGIN, { e: address, p: 'wrong-password' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(LOGIN, { e: 'nobody@example.org', p: 'long-enough' }))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(
        await h.gql(REGISTER, {
          input: { email: address.toLowerCase(), password: 'long-enough', displayName: 'Twin', role: 'RESIDENT' },
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('lets only one of two racing registrations of the same email through', async () => {
    const address = email();
    const input = { email: address, password: 'long-enough', displayName: 'Racer', role: 'RESIDENT' };
    const results = await Promise.all([1, 2, 3].map(() => h.gql<any>(REGISTER, { input })));
    expect(results.filter((r) => r.data?.register).length).toBe(1);
    expect(results.filter((r) => !r.data?.register).map(errorCode)).toEqual(['CONFLICT', 'CONFLICT']);
  });

  it('refuses bad registrations with the field named, and writes nothing', async () => {
    const before = await h.db.dataSource.query('SELECT count(*)::int AS n FROM users');
    const base = { email: email(), password: 'long-enough', displayName: 'Bob', role: 'RESIDENT' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: 'FUND_ADMIN' }, 'role'],
      [{ email: 'not-an-email' }, 'email'],
      [{ password: 'short' }, 'password'],
      [{ displayName: '   ' }, 'displayName'],
      [{ organizationId: '00000000-0000-4000-8000-000000000000' }, 'organizationId'],
      [{ role: 'ENTERPRISE' }, 'organizationId'],
      [{ role: 'ENTERPRISE', newOrganization: { name: 'X' } }, 'newOrganization.name'],
    ];
    for (const [over, field] of cases) {
      const res = await h.gql(REGISTER, { input: { ...base, ...over } });
      expect([over, errorCode(res), res.errors?.[0]?.extensions?.field]).toEqual([over, 'BAD_USER_INPUT', field]);
    }
    expect(
      errorCode(await h.gql(REGISTER, { input: { ...base, neighborhoodId: '00000000-0000-4000-8000-000000000000' } })),
    ).toBe('NOT_FOUND');
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
  });

  it('answers a bad or forged token with UNAUTHENTICATED', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a new organization unverified until GOVERNMENT verifies it', async () => {
    const reg = await h.gql<any>(REGISTER, {
      input: {
        email: email(),
        password: 'long-enough',
        displayName: 'Boss',
        role: 'ENTERPRISE',
        newOrganization: { name: 'Brand New Co', description: 'We make things' },
      },
    });
    const token = reg.data.register.token;
    const orgId = reg.data.register.user.organization.id;
    expect(reg.data.register.user.organization.verified).toBe(false);
    expect(errorCode(await h.gql(CREATE_PROPOSAL, { input: proposalInput() }, token))).toBe('FORBIDDEN');
    const resident = await f.user(Role.RESIDENT);
    expect(
      errorCode(
        await h.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: orgId }, resident.token),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await h.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: orgId })),
    ).toBe('UNAUTHENTICATED');
    const verified = await h.gql<any>(
      `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`,
      { id: orgId },
      gov.token,
    );
    expect(verified.data.verifyOrganization.verified).toBe(true);
    const created = await h.gql<any>(CREATE_PROPOSAL, { input: proposalInput() }, token);
    expect(created.data.createProposal.organization.id).toBe(orgId);
  });

  it('makes joiners of an existing organization wait for a member or FUND_ADMIN to approve', async () => {
    const office = await f.organization(OrganizationType.GOVERNMENT, true);
    const member = await f.user(Role.GOVERNMENT, { organization: office });
    const reg = await h.gql<any>(REGISTER, {
      input: {
        email: email(),
        password: 'long-enough',
        displayName: 'New clerk',
        role: 'GOVERNMENT',
        organizationId: office.id,
      },
    });
    const token = reg.data.register.token;
    const viewer = await h.gql<any>(VIEWER, {}, token);
    expect(viewer.data.viewerMembership.status).toBe('PENDING');
    expect(viewer.data.viewer.organization).toBeNull();
    const draft = await h.gql<any>(CREATE_PROPOSAL, { input: proposalInput() }, member.token);
    await h.gql(
      `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`,
      { id: draft.data.createProposal.id, at: new Date(Date.now() + 86_400_000).toISOString() },
      member.token,
    );
    const DECIDE = `mutation($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { status } }`;
    expect(errorCode(await h.gql(DECIDE, { id: draft.data.createProposal.id }, token))).toBe('FORBIDDEN');

    const APPROVE = `mutation($id: ID!) { approveMembership(membershipId: $id) { status } }`;
    const membershipId = viewer.data.viewerMembership.id;
    const outsider = await f.user(Role.GOVERNMENT);
    expect(errorCode(await h.gql(APPROVE, { id: membershipId }, outsider.token))).toBe('FORBIDDEN');
    const pending = await h.gql<any>(
      `query($id: ID!) { organization(id: $id) { pendingMemberships { id } } }`,
      { id: office.id },
      member.token,
    );
    expect(pending.data.organization.pendingMemberships).toEqual([{ id: membershipId }]);
    const hidden = await h.gql<any>(
      `query($id: ID!) { organization(id: $id) { pendingMemberships { id } } }`,
      { id: office.id },
      outsider.token,
    );
    expect(hidden.data.organization.pendingMemberships).toEqual([]);
    expect((await h.gql<any>(APPROVE, { id: membershipId }, member.token)).data.approveMembership.status).toBe(
      'APPROVED',
    );
    expect(errorCode(await h.gql(APPROVE, { id: membershipId }, admin.token))).toBe('CONFLICT');
    const decided = await h.gql<any>(DECIDE, { id: draft.data.createProposal.id }, token);
    expect(decided.data.decideProposal.status).toBe('APPROVED');
    const members = await h.gql<any>(`query($id: ID!) { organization(id: $id) { members { id } } }`, { id: office.id });
    expect(members.data.organization.members).toHaveLength(2);
  });

  it('gives no GOVERNMENT rights through a self-made, unverified government organization', async () => {
    const reg = await h.gql<any>(REGISTER, {
      input: {
        email: email(),
        password: 'long-enough',
        displayName: 'Impostor',
        role: 'GOVERNMENT',
        newOrganization: { name: 'Totally Real Office' },
      },
    });
    const res = await h.gql(
      `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`,
      { id: reg.data.register.user.organization.id },
      reg.data.register.token,
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
  });
});

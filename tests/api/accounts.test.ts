/**
 * Accounts and organization onboarding, black-box over HTTP: register, login,
 * viewer, token checks, and how organization roles start acting only through
 * an approved membership of a verified organization.
 */
import {
  apiFor,
  codes,
  DEMO,
  nowSeconds,
  ok,
  signJwt,
  startServer,
  unique,
  type Api,
  type StartedServer,
} from '../support/server.js';

let server: StartedServer;
let api: Api;
let neighborhoodId: string;
let fundId: string;
let govToken: string;
let liftProposalId: string;

const REGISTER = `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      token
      user { id displayName role neighborhood { id } organization { id name verified } }
    }
  }`;
const VIEWER = '{ viewer { id displayName role neighborhood { id } organization { id name verified } } }';
const VIEWER_MEMBERSHIP = '{ viewerMembership { id status organization { id name verified type } } }';
const CREATE_PROPOSAL = `
  mutation CreateProposal($input: CreateProposalInput!) {
    createProposal(input: $input) { id status author { id } organization { id } }
  }`;
const DECIDE = `
  mutation Decide($id: ID!, $decision: ProposalDecision!) {
    decideProposal(proposalId: $id, decision: $decision) { id status }
  }`;

const proposalInput = () => ({
  fundId,
  title: `Bench repairs ${unique()}`,
  summary: 'Repair the broken benches along the riverside path.',
  body: 'Replace twelve rotten bench planks and repaint the frames before the rainy season.',
  category: 'ENVIRONMENT',
  budgetMinor: 1_200_000,
});

const resident = (overrides: Record<string, unknown> = {}) => ({
  email: `res-${unique()}@example.org`,
  password: 'a-long-enough-password',
  displayName: 'New Neighbour',
  role: 'RESIDENT',
  neighborhoodId,
  ...overrides,
});

beforeAll(async () => {
  server = await startServer();
  api = apiFor(server);
  const funds = ok(await api.gql('{ funds { id neighborhoods { id name } } }'));
  fundId = funds.funds[0].id;
  neighborhoodId = funds.funds[0].neighborhoods[0].id;
  govToken = await api.login(DEMO.gov);
  const list = ok(await api.gql('{ proposals(status: [CONSULTATION]) { nodes { id title } } }'));
  liftProposalId = list.proposals.nodes.find((p: { title: string }) => /lift/i.test(p.title)).id;
});
afterAll(async () => {
  await server?.stop();
});

describe('register, login, viewer', () => {
  it('registers a resident in a neighborhood, who can then log in and see themself as viewer', async () => {
    const input = resident({ displayName: '  Auntie Wu  ' });
    const reg = ok(await api.gql(REGISTER, { input }));
    expect(reg.register.user).toMatchObject({
      displayName: 'Auntie Wu',
      role: 'RESIDENT',
      neighborhood: { id: neighborhoodId },
      organization: null,
    });
    expect(reg.register.token).toEqual(expect.any(String));

    const viaRegister = ok(await api.gql(VIEWER, {}, reg.register.token));
    expect(viaRegister.viewer).toMatchObject({ id: reg.register.user.id, displayName: 'Auntie Wu' });

    // login is case-insensitive on the email
    const token = await api.login(input.email.toUpperCase(), input.password);
    const viewer = ok(await api.gql(VIEWER, {}, token));
    expect(viewer.viewer).toEqual({
      id: reg.register.user.id,
      displayName: 'Auntie Wu',
      role: 'RESIDENT',
      neighborhood: { id: neighborhoodId },
      organization: null,
    });
  });

  it('viewer is null without a token', async () => {
    expect(ok(await api.gql(VIEWER)).viewer).toBeNull();
  });

  it('a wrong password or unknown email is UNAUTHENTICATED', async () => {
    const wrong = await api.gql(
      'mutation { login(email: "resident@danzishi.example", password: "not-the-password") { token } }',
    );
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.data).toBeNull();
    const unknown = await api.gql(
      'mutation { login(email: "nobody@danzishi.example", password: "commonweal-demo") { token } }',
    );
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    // the same message either way: the API does not reveal which accounts exist
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
  });

  it('a duplicate email (in any letter case) is a CONFLICT', async () => {
    const input = resident();
    ok(await api.gql(REGISTER, { input }));
    const again = await api.gql(REGISTER, { input: { ...input, displayName: 'Someone Else' } });
    expect(codes(again)).toEqual(['CONFLICT']);
    const upper = await api.gql(REGISTER, { input: { ...input, email: input.email.toUpperCase() } });
    expect(codes(upper)).toEqual(['CONFLICT']);
    // the original password still works, the second one was not written
    await expect(api.login(input.email, input.password)).resolves.toEqual(expect.any(String));
  });

  it('FUND_ADMIN accounts are never self-registered: BAD_USER_INPUT naming role, and nothing is written', async () => {
    const input = resident({ role: 'FUND_ADMIN', neighborhoodId: null });
    const res = await api.gql(REGISTER, { input });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.field).toBe('role');
    const login = await api.gql('mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: input.email,
      p: input.password,
    });
    expect(codes(login)).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a blank displayName', { displayName: '    ' }, 'displayName'],
    ['an empty displayName', { displayName: '' }, 'displayName'],
    ['an over-long displayName', { displayName: 'x'.repeat(61) }, 'displayName'],
    ['a malformed neighborhoodId', { neighborhoodId: 'hood-1' }, 'neighborhoodId'],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_label, overrides, field) => {
    const input = resident(overrides);
    const res = await api.gql(REGISTER, { input });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.field).toBe(field);
    const login = await api.gql('mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: input.email,
      p: input.password,
    });
    expect(codes(login)).toEqual(['UNAUTHENTICATED']);
  });

  it('an unknown neighborhood is NOT_FOUND and writes nothing', async () => {
    const input = resident({ neighborhoodId: '00000000-0000-4000-8000-000000000000' });
    expect(codes(await api.gql(REGISTER, { input }))).toEqual(['NOT_FOUND']);
    const login = await api.gql('mutation L($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: input.email,
      p: input.password,
    });
    expect(codes(login)).toEqual(['UNAUTHENTICATED']);
  });

  it('garbage, tampered, expired and orphaned Bearer tokens are UNAUTHENTICATED (not treated as anonymous)', async () => {
    const residentToken = await api.login(DEMO.resident);
    const me = ok(await api.gql('{ viewer { id } }', {}, residentToken)).viewer.id as string;
    const now = nowSeconds();
    const [head, payload] = residentToken.split('.');
    const tokens = {
      garbage: 'garbage',
      'three garbage parts': 'aaa.bbb.ccc',
      'signed with another secret': signJwt('x'.repeat(40), { sub: me, iat: now, exp: now + 3600 }),
      'tampered signature': `${head}.${payload}.${'A'.repeat(43)}`,
      expired: signJwt(server.jwtSecret, { sub: me, iat: now - 7200, exp: now - 3600 }),
      'for a user that does not exist': signJwt(server.jwtSecret, {
        sub: '00000000-0000-4000-8000-000000000000',
        iat: now,
        exp: now + 3600,
      }),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
    };
    for (const [label, token] of Object.entries(tokens)) {
      const res = await api.gql('{ viewer { id } }', {}, token);
      expect({ label, codes: codes(res) }).toEqual({ label, codes: ['UNAUTHENTICATED'] });
    }
    // a properly signed, unexpired token for the same user works: the checks above are not vacuous
    const fresh = signJwt(server.jwtSecret, { sub: me, iat: now, exp: now + 3600 });
    expect(ok(await api.gql('{ viewer { id } }', {}, fresh)).viewer.id).toBe(me);
  });

  it('User never exposes email: asking for viewer { email } fails validation', async () => {
    const token = await api.login(DEMO.resident);
    const res = await api.gql('{ viewer { id email } }', {}, token);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0]!.message).toMatch(/email/);
    expect(res.data).toBeUndefined();
  });
});

describe('organization onboarding', () => {
  it('an ENTERPRISE founding a new organization cannot propose until GOVERNMENT verifies it', async () => {
    const name = `Corner Print Shop ${unique()}`;
    const reg = ok(
      await api.gql(REGISTER, {
        input: {
          email: `ent-${unique()}@example.org`,
          password: 'a-long-enough-password',
          displayName: 'Mr. Print',
          role: 'ENTERPRISE',
          newOrganization: { name, description: 'Prints flyers.' },
        },
      }),
    );
    const token = reg.register.token as string;
    const membership = ok(await api.gql(VIEWER_MEMBERSHIP, {}, token)).viewerMembership;
    expect(membership).toMatchObject({
      status: 'APPROVED',
      organization: { name, verified: false, type: 'ENTERPRISE' },
    });
    const orgId = membership.organization.id as string;

    const before = await api.gql(CREATE_PROPOSAL, { input: proposalInput() }, token);
    expect(codes(before)).toEqual(['FORBIDDEN']);

    // it cannot verify itself either
    const self = await api.gql(
      'mutation V($id: ID!) { verifyOrganization(id: $id) { verified } }',
      { id: orgId },
      token,
    );
    expect(codes(self)).toEqual(['FORBIDDEN']);

    const verified = ok(
      await api.gql(
        'mutation V($id: ID!) { verifyOrganization(id: $id) { id verified verifiedAt } }',
        { id: orgId },
        govToken,
      ),
    );
    expect(verified.verifyOrganization).toMatchObject({ id: orgId, verified: true, verifiedAt: expect.any(String) });

    const after = ok(await api.gql(CREATE_PROPOSAL, { input: proposalInput() }, token));
    expect(after.createProposal).toMatchObject({
      status: 'DRAFT',
      author: { id: reg.register.user.id },
      organization: { id: orgId },
    });
  });

  it('a GOVERNMENT user joining the street office stays PENDING and cannot decide until a member approves', async () => {
    const orgs = ok(await api.gql('{ organizations(type: GOVERNMENT) { id name verified } }')).organizations as Array<{
      id: string;
      name: string;
      verified: boolean;
    }>;
    const office = orgs.find((o) => o.name === 'Danzishi Street Office')!;
    expect(office).toMatchObject({ verified: true });

    const reg = ok(
      await api.gql(REGISTER, {
        input: {
          email: `gov-${unique()}@example.org`,
          password: 'a-long-enough-password',
          displayName: 'Officer Tang',
          role: 'GOVERNMENT',
          organizationId: office.id,
        },
      }),
    );
    const token = reg.register.token as string;
    expect(reg.register.user.organization).toBeNull(); // acts for no organization while pending
    const membership = ok(await api.gql(VIEWER_MEMBERSHIP, {}, token)).viewerMembership;
    expect(membership).toMatchObject({ status: 'PENDING', organization: { id: office.id } });

    expect(codes(await api.gql(DECIDE, { id: liftProposalId, decision: 'REJECT' }, token))).toEqual(['FORBIDDEN']);
    // the pending member cannot approve themself
    const selfApprove = await api.gql(
      'mutation A($id: ID!) { approveMembership(membershipId: $id) { status } }',
      { id: membership.id },
      token,
    );
    expect(codes(selfApprove)).toEqual(['FORBIDDEN']);

    // verified members see the request; the public does not
    const PENDING = 'query O($id: ID!) { organization(id: $id) { pendingMemberships { id user { id displayName } } } }';
    expect(ok(await api.gql(PENDING, { id: office.id })).organization.pendingMemberships).toEqual([]);
    const seen = ok(await api.gql(PENDING, { id: office.id }, govToken)).organization.pendingMemberships;
    expect(seen).toContainEqual({ id: membership.id, user: { id: reg.register.user.id, displayName: 'Officer Tang' } });

    const approved = ok(
      await api.gql(
        'mutation A($id: ID!) { approveMembership(membershipId: $id) { id status decidedAt } }',
        { id: membership.id },
        govToken,
      ),
    );
    expect(approved.approveMembership).toMatchObject({
      id: membership.id,
      status: 'APPROVED',
      decidedAt: expect.any(String),
    });
    expect(ok(await api.gql(VIEWER_MEMBERSHIP, {}, token)).viewerMembership.status).toBe('APPROVED');

    // the same token now acts as GOVERNMENT
    const decided = ok(await api.gql(DECIDE, { id: liftProposalId, decision: 'APPROVE' }, token));
    expect(decided.decideProposal).toEqual({ id: liftProposalId, status: 'APPROVED' });

    // deciding a membership twice is a CONFLICT
    const again = await api.gql(
      'mutation A($id: ID!) { approveMembership(membershipId: $id) { status } }',
      { id: membership.id },
      govToken,
    );
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('a self-registered GOVERNMENT user with a new, unverified organization cannot act as GOVERNMENT', async () => {
    const reg = ok(
      await api.gql(REGISTER, {
        input: {
          email: `fake-gov-${unique()}@example.org`,
          password: 'a-long-enough-password',
          displayName: 'Self-styled Official',
          role: 'GOVERNMENT',
          newOrganization: { name: `Shadow Street Office ${unique()}` },
        },
      }),
    );
    const token = reg.register.token as string;
    const membership = ok(await api.gql(VIEWER_MEMBERSHIP, {}, token)).viewerMembership;
    expect(membership).toMatchObject({ status: 'APPROVED', organization: { verified: false, type: 'GOVERNMENT' } });

    const orgs = ok(await api.gql('{ organizations { id verified } }')).organizations as Array<{
      id: string;
      verified: boolean;
    }>;
    const unverified = orgs.find((o) => !o.verified && o.id !== membership.organization.id)!;
    const attempts = {
      verifyOwn: await api.gql(
        'mutation V($id: ID!) { verifyOrganization(id: $id) { verified } }',
        { id: membership.organization.id },
        token,
      ),
      verifyOther: await api.gql(
        'mutation V($id: ID!) { verifyOrganization(id: $id) { verified } }',
        { id: unverified.id },
        token,
      ),
      decide: await api.gql(DECIDE, { id: liftProposalId, decision: 'REJECT' }, token),
      propose: await api.gql(CREATE_PROPOSAL, { input: proposalInput() }, token),
    };
    for (const [label, res] of Object.entries(attempts)) {
      expect({ label, codes: codes(res) }).toEqual({ label, codes: ['FORBIDDEN'] });
    }
    // and nothing changed
    const after = ok(await api.gql('{ organizations { id verified } }')).organizations as Array<{
      id: string;
      verified: boolean;
    }>;
    expect(after.filter((o) => o.verified).length).toBe(orgs.filter((o) => o.verified).length);
  });

  it('organization roles must name exactly one of organizationId / newOrganization, of the matching type', async () => {
    const base = { password: 'a-long-enough-password', displayName: 'Someone', role: 'ENTERPRISE' };
    const neither = await api.gql(REGISTER, { input: { ...base, email: `e-${unique()}@example.org` } });
    expect(codes(neither)).toEqual(['BAD_USER_INPUT']);
    const ngoOrg = (
      ok(await api.gql('{ organizations(type: SOCIAL_ORGANIZATION) { id } }')).organizations as Array<{ id: string }>
    )[0]!;
    const wrongType = await api.gql(REGISTER, {
      input: { ...base, email: `e-${unique()}@example.org`, organizationId: ngoOrg.id },
    });
    expect(codes(wrongType)).toEqual(['BAD_USER_INPUT']);
    expect(wrongType.errors![0]!.extensions!.field).toBe('organizationId');
  });
});

import { Role } from '@commonweal/shared';
import { errorCode, Factory, startHarness, type Harness } from '../../test-support/harness.js';

const LOG = `query($entity: String, $entityId: String, $actorId: ID, $action: String, $first: Int, $after: String) {
  auditLog(entity: $entity, entityId: $entityId, actorId: $actorId, action: $action, first: $first, after: $after) {
    nodes { id at action entity entityId actorRole requestId actor { id } before after changedFields }
    endCursor hasNextPage
  }
}`;

describe('the audit trail', () => {
  let h: Harness;
  let f: Factory;
  let fundId: string;

  beforeAll(async () => {
    h = await startHarness();
    f = new Factory(h);
    fundId = (await f.fund()).fund.id;
  });
  afterAll(() => h.close());

  it('records every state change with the actor, role, request and before/after', async () => {
    const [author, gov, admin] = await f.users(Role.SOCIAL_ORGANIZATION, Role.GOVERNMENT, Role.FUND_ADMIN);
    const created = await h.gql<any>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      {
        input: {
          fundId,
          title: 'Audited benches',
          summary: 'Benches along the river path',
          body: 'Ten benches.',
          category: 'OTHER',
          budgetMinor: 500_000,
        },
      },
      author.token,
    );
    const id = created.data!.createProposal.id;
    await h.gql(
      `mutation($id: ID!, $at: DateTime!) { openConsultation(proposalId: $id, consultationEndsAt: $at) { id } }`,
      { id, at: new Date(Date.now() + 86_400_000).toISOString() },
      author.token,
    );
    await h.gql(`mutation($id: ID!) { decideProposal(proposalId: $id, decision: APPROVE) { id } }`, { id }, gov.token);

    const log = await h.gql<any>(LOG, { entity: 'proposals', entityId: id }, admin.token);
    const entries = log.data!.auditLog.nodes.reverse();
    expect(entries.map((e: any) => [e.action, e.actor.id, e.actorRole, e.after.status])).toEqual([
      ['insert', author.user.id, 'SOCIAL_ORGANIZATION', 'DRAFT'],
      ['update', author.user.id, 'SOCIAL_ORGANIZATION', 'CONSULTATION'],
      ['update', gov.user.id, 'GOVERNMENT', 'APPROVED'],
    ]);
    expect(entries[2].before.status).toBe('CONSULTATION');
    expect(entries[2].changedFields).toEqual(expect.arrayContaining(['status', 'decided_by', 'decided_at']));
    expect(new Set(entries.map((e: any) => e.requestId)).size).toBe(3);

    // The approval's other writes (the author's notification is not audited; the follow is not) share its request id.
    const byRequest = await h.db.dataSource.query('SELECT entity FROM audit_log WHERE request_id = $1', [
      entries[2].requestId,
    ]);
    expect(byRequest.map((r: { entity: string }) => r.entity)).toEqual(['proposals']);
  });

  it('never copies secrets or an anonymous donor’s account into the log', async () => {
    const admin = await f.user(Role.FUND_ADMIN);
    const registered = await h.gql<any>(
      `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`,
      {
        input: {
          email: 'audit-secret@test.example',
          password: 'a-long-enough-password',
          displayName: 'New one',
          role: 'RESIDENT',
        },
      },
    );
    const userId = registered.data!.register.user.id;
    const log = await h.gql<any>(LOG, { entity: 'users', entityId: userId }, admin.token);
    const [entry] = log.data!.auditLog.nodes;
    expect(entry.after.display_name).toBe('New one');
    expect(JSON.stringify(log.data)).not.toMatch(/password|audit-secret@test\.example|argon2/);

    const donor = await f.user(Role.RESIDENT);
    const campaign = await h.gql<any>(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      {
        input: {
          fundId,
          title: 'Audited campaign',
          description: 'Warm coats for the winter',
          goalMinor: 100_000,
          endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      admin.token,
    );
    const gift = await h.gql<any>(
      `mutation($input: DonateInput!) { donate(input: $input) { id } }`,
      {
        input: {
          campaignId: campaign.data!.createCampaign.id,
          amountMinor: 500,
          anonymous: true,
          idempotencyKey: 'audit-anonymous-gift',
        },
      },
      donor.token,
    );
    const donation = await h.gql<any>(LOG, { entity: 'donations', entityId: gift.data!.donate.id }, admin.token);
    expect(donation.data!.auditLog.nodes[0].after.amount_minor).toBe(500);
    expect(JSON.stringify(donation.data)).not.toContain(donor.user.id);
  });

  it('is readable by the fund’s side only, with filters and pages', async () => {
    const [resident, gov] = await f.users(Role.RESIDENT, Role.GOVERNMENT);
    expect(errorCode(await h.gql(LOG, {}, resident.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.gql(LOG, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await h.gql(LOG, { entity: 'x; DROP TABLE' }, gov.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(LOG, { after: 'abc' }, gov.token))).toBe('BAD_USER_INPUT');
    const first = await h.gql<any>(LOG, { first: 2 }, gov.token);
    expect(first.data!.auditLog.nodes).toHaveLength(2);
    expect(first.data!.auditLog.hasNextPage).toBe(true);
    const next = await h.gql<any>(LOG, { first: 2, after: first.data!.auditLog.endCursor }, gov.token);
    expect(Number(next.data!.auditLog.nodes[0].id)).toBeLessThan(Number(first.data!.auditLog.nodes[1].id));
    const inserts = await h.gql<any>(LOG, { action: 'insert', entity: 'funds' }, gov.token);
    expect(inserts.data!.auditLog.nodes.every((e: any) => e.action === 'insert' && e.entity === 'funds')).toBe(true);
  });

  it('pages newest first by number, past 100 entries, without gaps or repeats', async () => {
    const gov = await f.user(Role.GOVERNMENT);
    await h.db.dataSource.query(
      `INSERT INTO audit_log (action, entity, entity_id) SELECT 'insert', 'paging_test', g::text FROM generate_series(1, 130) g`,
    );
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await h.gql<any>(LOG, { entity: 'paging_test', first: 50, after }, gov.token);
      seen.push(...page.data!.auditLog.nodes.map((e: any) => Number(e.id)));
      if (!page.data!.auditLog.hasNextPage) break;
      after = page.data!.auditLog.endCursor;
    }
    expect(seen).toHaveLength(130);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(130);
  });

  it('leaves out of GOVERNMENT’s view what only FUND_ADMIN may read: accounts, memberships, comments, drafts', async () => {
    const [author, gov, admin] = await f.users(Role.SOCIAL_ORGANIZATION, Role.GOVERNMENT, Role.FUND_ADMIN);
    const draft = await h.gql<any>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      {
        input: {
          fundId,
          title: 'Secret draft',
          summary: 'Not yet public at all',
          body: 'Still being written.',
          category: 'OTHER',
          budgetMinor: 1000,
        },
      },
      author.token,
    );
    const id = draft.data!.createProposal.id;
    const entries = async (token: string, entity: string, entityId?: string) =>
      (await h.gql<any>(LOG, { entity, entityId, first: 100 }, token)).data!.auditLog.nodes;
    expect(await entries(admin.token, 'proposals', id)).toHaveLength(1);
    expect(await entries(gov.token, 'proposals', id)).toEqual([]);
    for (const entity of ['users', 'memberships']) {
      expect((await entries(admin.token, entity)).length).toBeGreaterThan(0);
      expect(await entries(gov.token, entity)).toEqual([]);
    }
    expect((await entries(gov.token, 'funds')).length).toBeGreaterThan(0);
  });

  it('cannot be changed, even by the database user the server runs as', async () => {
    await expect(h.db.dataSource.query(`UPDATE audit_log SET actor_role = 'FUND_ADMIN'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(h.db.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(h.db.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});

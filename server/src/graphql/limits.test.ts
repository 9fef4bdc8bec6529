import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, validate, type DefinitionNode } from 'graphql';
import { loadConfig, REPO_ROOT } from '../config.js';
import { startHarness, subscribe, type Harness } from '../test-support/harness.js';
import { cachedOperationChecker, limitRules, queryLimitsOf } from './limits.js';
import { buildAppSchema } from './schema.js';

/** Alternating Proposal.need and Need.proposals, `levels` deep, starting on a Proposal. */
function deep(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) {
    selection = (levels - 1 - i) % 2 === 0 ? `need { ${selection} }` : `proposals { ${selection} }`;
  }
  return selection;
}

const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;

describe('query limits', () => {
  const defaults = queryLimitsOf(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }));

  it('let every operation the client sends through the default limits', async () => {
    const schema = await buildAppSchema();
    const files = execFileSync('find', [join(REPO_ROOT, 'client', 'src'), '-name', '*.graphql'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    const definitions: DefinitionNode[] = files.flatMap((f) => parse(readFileSync(f, 'utf8')).definitions);
    const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(50);
    const refused = operations.flatMap((op) =>
      validate(schema, { kind: Kind.DOCUMENT, definitions: [op, ...fragments] }, limitRules(defaults)).map(
        (e) => `${op.name?.value}: ${e.message}`,
      ),
    );
    expect(refused).toEqual([]);
  });

  it('parse and validate a WebSocket operation once per text, and never remember a refused one', async () => {
    const check = cachedOperationChecker(await buildAppSchema(), defaults);
    const query = 'subscription($id: ID!) { commentAdded(proposalId: $id) { id body } }';
    const documentOf = (r: ReturnType<typeof check>) => ('document' in r ? r.document : null);
    const first = documentOf(check(query));
    expect(first).not.toBeNull();
    expect(documentOf(check(query))).toBe(first); // the same document object: not parsed again
    const tooDeep = `{ proposals { nodes { ${deep(12)} } } }`;
    expect('errors' in check(tooDeep)).toBe(true);
    expect('errors' in check(tooDeep)).toBe(true);
  });

  it('let a full page of the ledger through but refuse pages nested in pages', async () => {
    const schema = await buildAppSchema();
    const check = (query: string) => validate(schema, parse(query), limitRules(defaults)).map((e) => e.message);
    const ledgerPage = `{ fund(id: "00000000-0000-4000-8000-000000000000") { ledger(first: 100) { totalCount nodes {
      id sequence kind direction amount { minorUnits amount } balanceAfter { minorUnits } counterparty memo
      hash previousHash proposal { id } } } } }`;
    expect(check(ledgerPage)).toEqual([]);
    const nested = `{ proposals(first: 100) { nodes { comments(first: 100) { nodes { id body author { displayName } } } } } }`;
    expect(check(nested)).toEqual([expect.stringMatching(/cost limit of 10000 exceeded/i)]);
  });

  describe('over HTTP and WebSocket', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        env: {
          GRAPHQL_MAX_DEPTH: '6',
          GRAPHQL_MAX_COST: '500',
          GRAPHQL_MAX_ALIASES: '3',
          GRAPHQL_MAX_DIRECTIVES: '3',
          GRAPHQL_MAX_TOKENS: '300',
        },
      });
    });
    afterAll(() => h.close());

    const tooMuch: Array<[string, string, RegExp]> = [
      ['depth', `{ proposals { nodes { ${deep(5)} } } }`, /depth limit of 6 exceeded/i],
      ['cost', `{ proposals(first: 100) { nodes { id title status } } }`, /cost limit of 500 exceeded/i],
      [
        'aliases',
        `{ a: funds { id } b: funds { id } c: funds { id } d: funds { id } }`,
        /aliases limit of 3 exceeded/i,
      ],
      [
        'directives',
        `{ funds @include(if: true) @include(if: true) @include(if: true) @include(if: true) { id } }`,
        /directives limit of 3 exceeded/i,
      ],
    ];

    it.each(tooMuch)('refuses too much %s over HTTP', async (_what, query, message) => {
      const res = await h.gql(query);
      expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors!.map((e) => e.message).join(' ')).toMatch(message);
      expect(res.data).toBeUndefined();
    });

    it.each(tooMuch)(
      'refuses too much %s over WebSocket, where Apollo does not validate',
      async (_w, query, message) => {
        const event = await subscribe<any>(h.ws(), query, {}).next();
        expect(event.errors?.map((e) => e.message).join(' ')).toMatch(message);
        expect(event.data).toBeUndefined();
      },
    );

    it('refuses a too deep subscription before it subscribes', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const query = `subscription { proposalUpdated(proposalId: "${id}") { ${deep(6)} } }`;
      const event = await subscribe<any>(h.ws(), query, {}).next();
      expect(event.errors?.[0]?.message).toMatch(/depth limit of 6 exceeded/i);
    });

    it('refuses a document with too many tokens on both transports', async () => {
      const query = `{ funds { ${'id '.repeat(400)} } }`;
      const res = await h.gql(query);
      expect(codeOf(res)).toBe('GRAPHQL_PARSE_FAILED');
      expect(res.errors![0]!.message).toMatch(/more that 300 tokens/i);
      const event = await subscribe<any>(h.ws(), query, {}).next();
      expect(event.errors?.[0]?.message).toMatch(/more that 300 tokens/i);
    });

    it('refuses batched HTTP operations', async () => {
      const res = await fetch(h.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ funds { id } }' }, { query: '{ funds { id } }' }]),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/batch/i);
    });

    it('refuses a cross-site form post (CSRF prevention)', async () => {
      const res = await fetch(`${h.url}?query=${encodeURIComponent('{ funds { id } }')}`, { method: 'GET' });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    });

    it('accepts what is within the limits', async () => {
      const res = await h.gql(`{ a: funds { id } b: funds { id } proposals(first: 10) { nodes { ${deep(3)} } } }`);
      expect(res.errors).toBeUndefined();
    });
  });

  describe('in production', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ env: { NODE_ENV: 'production' } });
    });
    afterAll(() => h.close());

    it('hides the schema: no introspection and no field suggestions, over HTTP and WebSocket', async () => {
      const introspection = await h.gql('{ __schema { types { name } } }');
      expect(codeOf(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await h.gql('{ fundz { id } }');
      expect(typo.errors![0]!.message).toMatch(/Cannot query field "fundz"/);
      expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
      const overWs = await subscribe<any>(h.ws(), '{ __schema { types { name } } }', {}).next();
      expect(overWs.errors?.[0]?.message).toMatch(/introspection/i);
      const typoWs = await subscribe<any>(h.ws(), '{ fundz { id } }', {}).next();
      expect(typoWs.errors?.[0]?.message).toMatch(/Cannot query field "fundz"/);
      expect(typoWs.errors?.[0]?.message).not.toMatch(/Did you mean/);
    });
  });
});

describe('security headers and CORS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CORS_ORIGINS: 'https://partner.example' } });
  });
  afterAll(() => h.close());

  const post = (origin: string) =>
    fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ query: '{ funds { id } }' }),
    });

  it('sends helmet’s security headers', async () => {
    const res = await post('https://partner.example');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows only configured origins', async () => {
    expect((await post('https://partner.example')).headers.get('access-control-allow-origin')).toBe(
      'https://partner.example',
    );
    expect((await post('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(h.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { clientAddress, parseTrustProxy } from './client-address.js';
import { loadConfig } from './config.js';
import { WS_CLOSE } from './graphql/ws.js';
import { startHarness, type Harness } from './test-support/harness.js';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const LIMITS = { LOGIN_MAX_FAILURES_PER_IP: '3', WS_MAX_CONNECTIONS_PER_IP: '2' };

let attempts = 0;

/**
 * A failed sign-in sent with `forwardedFor` as X-Forwarded-For; each to another (unknown) account, so only the
 * per-address limit can refuse it.
 */
async function failedLogin(h: Harness, forwardedFor: string): Promise<string> {
  const email = `nobody${++attempts}@test.example`;
  const res = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: LOGIN, variables: { email, password: 'wrong-password' } }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code ?? 'OK';
}

/** The addresses that have sign-in failures counted against them. */
async function countedAddresses(h: Harness): Promise<string[]> {
  const rows: Array<{ key: string }> = await h.db.dataSource.query(
    `SELECT key FROM rate_limits WHERE key LIKE 'login-fail-ip:%' ORDER BY key`,
  );
  return rows.map((r) => r.key.slice('login-fail-ip:'.length));
}

const resetAddresses = (h: Harness) =>
  h.db.dataSource.query(`DELETE FROM rate_limits WHERE key LIKE 'login-fail-ip:%'`);

/** A graphql-ws socket sent with `forwardedFor`: resolves 'acked' once accepted, or the close code it got instead. */
function socketFrom(h: Harness, forwardedFor: string): { socket: WebSocket; outcome: Promise<'acked' | number> } {
  const socket = new WebSocket(h.wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-for': forwardedFor } });
  const outcome = new Promise<'acked' | number>((resolve) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.once('message', () => resolve('acked'));
    socket.once('close', (code) => resolve(code));
  });
  return { socket, outcome };
}

async function outcomesOf(h: Harness, forwardedFor: string[]): Promise<{ sockets: WebSocket[]; outcomes: unknown[] }> {
  const opened = forwardedFor.map((header) => socketFrom(h, header));
  const outcomes = [];
  // One after another, so which socket is the one too many is certain.
  for (const { outcome } of opened) outcomes.push(await outcome);
  return { sockets: opened.map((o) => o.socket), outcomes };
}

describe('client address', () => {
  describe('TRUST_PROXY', () => {
    const load = (TRUST_PROXY: string) => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), TRUST_PROXY });

    it.each([
      ['true', /TRUST_PROXY: "true" would trust every hop/],
      ['banana', /TRUST_PROXY: expected a number of hops .*invalid IP address: banana/],
      ['loopback, 10.0.0.0/33', /TRUST_PROXY: .*invalid range on address: 10\.0\.0\.0\/33/],
      ['1.5', /TRUST_PROXY: .*invalid IP address: 1\.5/],
      ['-1', /TRUST_PROXY: .*invalid IP address: -1/],
    ])('refuses %p with a clear message', (value, message) => {
      expect(() => load(value)).toThrow(message);
    });

    it.each(['', 'false', '0', '1', '2', 'loopback', 'loopback, 10.0.0.0/8', '10.0.0.0/255.0.0.0, ::1'])(
      'accepts %p',
      (value) => {
        expect(typeof load(value).TRUST_PROXY).toBe('function');
      },
    );

    const request = (peer: string, forwardedFor?: string) =>
      ({
        socket: { remoteAddress: peer },
        headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      }) as unknown as IncomingMessage;

    it.each([
      ['', '127.0.0.1', '203.0.113.9', '127.0.0.1'],
      ['false', '127.0.0.1', '203.0.113.9', '127.0.0.1'],
      ['0', '127.0.0.1', '203.0.113.9', '127.0.0.1'],
      ['1', '127.0.0.1', '198.51.100.1, 203.0.113.9', '203.0.113.9'],
      ['2', '127.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.7', '203.0.113.9'],
      ['loopback', '127.0.0.1', '198.51.100.1, 203.0.113.9, 127.0.0.5', '203.0.113.9'],
      ['loopback', '192.0.2.44', '203.0.113.9', '192.0.2.44'], // the peer is no trusted proxy: its header counts for nothing
      ['10.0.0.0/8', '10.1.2.3', '198.51.100.1, 203.0.113.9', '203.0.113.9'],
      ['loopback', '127.0.0.1', undefined, '127.0.0.1'],
      ['2', '127.0.0.1', 'not-an-address, 10.0.0.7', '10.0.0.7'], // junk never becomes a key
    ])('with %p, a request from %s forwarded for %p comes from %s', (trust, peer, forwardedFor, expected) => {
      expect(clientAddress(request(peer, forwardedFor), parseTrustProxy(trust))).toBe(expected);
    });
  });

  describe('by default (no proxy trusted)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ env: LIMITS });
    });
    afterAll(() => h.close());

    it('ignores X-Forwarded-For: a new header each time does not dodge the sign-in limit', async () => {
      const codes = [];
      for (let i = 1; i <= 4; i++) codes.push(await failedLogin(h, `203.0.113.${i}`));
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      expect(await countedAddresses(h)).toEqual(['127.0.0.1']);
    });

    it('ignores X-Forwarded-For: a new header each time does not dodge the socket limit', async () => {
      const { sockets, outcomes } = await outcomesOf(h, ['203.0.113.1', '203.0.113.2', '203.0.113.3']);
      expect(outcomes).toEqual(['acked', 'acked', WS_CLOSE.tooManyConnections]);
      for (const s of sockets) s.close();
    });
  });

  describe('with TRUST_PROXY=loopback (the tests connect from 127.0.0.1)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ env: { ...LIMITS, TRUST_PROXY: 'loopback' } });
    });
    afterAll(() => h.close());
    beforeEach(() => resetAddresses(h));

    it('counts sign-in failures per forwarded address', async () => {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push(await failedLogin(h, '203.0.113.1'));
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      expect(await failedLogin(h, '203.0.113.2')).toBe('UNAUTHENTICATED'); // a separate bucket
      expect(await countedAddresses(h)).toEqual(['203.0.113.1', '203.0.113.2']);
    });

    it('takes the right-most untrusted hop of a chain: a forged left part changes nothing', async () => {
      for (let i = 0; i < 3; i++) await failedLogin(h, '203.0.113.1');
      // The client forged the first entry; the proxy appended the address it saw.
      expect(await failedLogin(h, '198.51.100.7, 203.0.113.1')).toBe('RATE_LIMITED');
      // A second trusted hop (127.0.0.2, another local proxy) is passed over too.
      expect(await failedLogin(h, '198.51.100.8, 203.0.113.1, 127.0.0.2')).toBe('RATE_LIMITED');
      expect(await failedLogin(h, '203.0.113.1, 203.0.113.3')).toBe('UNAUTHENTICATED');
      expect(await countedAddresses(h)).toEqual(['203.0.113.1', '203.0.113.3']);
    });

    it('counts sockets per forwarded address, by the same rule', async () => {
      const { sockets, outcomes } = await outcomesOf(h, [
        '203.0.113.1',
        '198.51.100.7, 203.0.113.1',
        '198.51.100.8, 203.0.113.1, 127.0.0.2',
        '203.0.113.1, 203.0.113.2',
      ]);
      expect(outcomes).toEqual(['acked', 'acked', WS_CLOSE.tooManyConnections, 'acked']);
      for (const s of sockets) s.close();
    });
  });
});

import { Role } from '@commonweal/shared';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { Factory, startHarness, subscribe, type Harness } from '../test-support/harness.js';
import { WS_CLOSE } from './ws.js';

const SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-0123'); // the harness's JWT_SECRET

/** A raw graphql-ws socket, to send what a real client never would. */
function rawSocket(h: Harness): WebSocket {
  return new WebSocket(h.wsUrl, 'graphql-transport-ws');
}

const opened = (socket: WebSocket) => new Promise<void>((resolve) => socket.once('open', () => resolve()));
const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

async function initialised(h: Harness, token?: string): Promise<WebSocket> {
  const socket = rawSocket(h);
  await opened(socket);
  socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
  await new Promise<void>((resolve) => socket.once('message', () => resolve())); // connection_ack
  return socket;
}

describe('WebSocket limits', () => {
  let h: Harness;
  let f: Factory;

  beforeAll(async () => {
    h = await startHarness({
      env: {
        WS_CONNECTION_INIT_TIMEOUT_MS: '300',
        WS_MAX_PAYLOAD_BYTES: '4096',
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
        WS_MAX_CONNECTIONS_PER_IP: '4',
      },
    });
    f = new Factory(h);
  });
  afterAll(() => h.close());

  it('closes a socket that never sends connection_init (4408)', async () => {
    const socket = rawSocket(h);
    const started = Date.now();
    const { code } = await closed(socket);
    expect(code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('closes a socket that sends a message above the size cap (1009) and keeps serving', async () => {
    const socket = await initialised(h);
    const done = closed(socket);
    socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ funds { id } } #${'x'.repeat(8000)}` } }),
    );
    expect((await done).code).toBe(1009);
    const again = await h.gql<any>('{ funds { id } }');
    expect(again.errors).toBeUndefined();
  });

  it.each([
    ['not JSON', 'hello'],
    ['an unknown message type', JSON.stringify({ type: 'launch_missiles' })],
    ['a subscribe without an id', JSON.stringify({ type: 'subscribe', payload: { query: '{ funds { id } }' } })],
  ])('closes a socket that sends %s (4400) without crashing the server', async (_what, message) => {
    const socket = await initialised(h);
    const done = closed(socket);
    socket.send(message);
    expect((await done).code).toBe(4400);
    const next = await initialised(h);
    next.close();
    expect((await h.gql<any>('{ funds { id } }')).errors).toBeUndefined();
  });

  it('refuses a bad token at connection_init (4403)', async () => {
    const socket = rawSocket(h);
    await opened(socket);
    const done = closed(socket);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }));
    expect((await done).code).toBe(4403);
  });

  it('caps subscriptions per socket', async () => {
    const client = h.ws();
    const fundId = (await f.fund()).fund.id;
    const query = `subscription($id: ID!) { ledgerEntryPosted(fundId: $id) { id } }`;
    const first = subscribe<any>(client, query, { id: fundId });
    const second = subscribe<any>(client, query, { id: fundId });
    const third = subscribe<any>(client, query, { id: fundId });
    const refused = await third.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(first.pending() + second.pending()).toBe(0);
    // Ending one makes room again.
    first.dispose();
    await new Promise((r) => setTimeout(r, 100));
    const fourth = subscribe<any>(client, query, { id: fundId });
    await expect(fourth.next(300)).rejects.toThrow(/no event/); // accepted: waiting for events, no error
  });

  it('ends the socket when the session token expires (4403)', async () => {
    const resident = await f.user(Role.RESIDENT);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(resident.user.id)
      .setIssuedAt()
      .setExpirationTime('2s')
      .sign(SECRET);
    const socket = await initialised(h, token);
    const { code, reason } = await closed(socket);
    expect(code).toBe(WS_CLOSE.tokenExpired);
    expect(reason).toMatch(/expired/i);
  });

  it('limits sockets per address', async () => {
    const sockets = [0, 1, 2, 3].map(() => rawSocket(h));
    await Promise.all(sockets.map(opened));
    const extra = rawSocket(h);
    const { code } = await closed(extra);
    expect(code).toBe(WS_CLOSE.tooManyConnections);
    for (const s of sockets) s.close();
  });
});

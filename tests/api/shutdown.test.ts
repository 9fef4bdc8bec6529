/**
 * SIGTERM drains: requests in flight finish, subscribers get a clean close
 * (1001 Going Away) and the process exits 0.
 */
import WebSocket from 'ws';
import { apiFor, ok, startServer, type StartedServer } from '../support/server.js';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

it('finishes in-flight work, closes sockets cleanly and exits 0 on SIGTERM', async () => {
  const api = apiFor(server);
  const fundId = ok(await api.gql('{ funds { id } }')).funds[0].id as string;

  const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await new Promise<void>((resolve) => socket.once('message', () => resolve()));
  socket.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: `subscription { ledgerEntryPosted(fundId: "${fundId}") { id } }` },
    }),
  );
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

  // A request in flight when the signal arrives (a full ledger page with its report) still gets its answer.
  const inFlight = api.gql(
    `query($id: ID!) { fund(id: $id) { ledger(first: 100) { totalCount nodes { id hash } } } fundReport(fundId: $id) { totalIn { amount } } }`,
    { id: fundId },
  );
  await new Promise((r) => setTimeout(r, 15)); // let the request reach the server
  const exit = server.signal('SIGTERM');

  const answer = await inFlight;
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.fund.ledger.totalCount).toBeGreaterThan(0);
  expect(await closed).toBe(1001);
  expect(await exit).toEqual({ code: 0, signal: null });
  expect(server.output()).toMatch(/shutting down: draining/);
});

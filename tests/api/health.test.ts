import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DIST, apiFor, ok, startServer, type StartedServer } from '../support/server.js';

let server: StartedServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('probes and static client', () => {
  it('GET /healthz answers 200 while the process is up', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 once the database is reachable', async () => {
    const res = await fetch(`${server.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('serves the built client at / and on client routes, or at least the API when it is not built', async () => {
    const built = existsSync(join(CLIENT_DIST, 'index.html'));
    if (built) {
      for (const path of ['/', '/proposals', '/signin']) {
        const res = await fetch(`${server.baseUrl}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(await res.text()).toMatch(/<html[\s>]/i);
      }
    }
    // Either way the API answers next to it.
    const data = ok(await apiFor(server).gql('{ funds { name currency } }'));
    expect(data.funds).toEqual([{ name: 'Danzishi Street Community Development Fund', currency: 'CNY' }]);
  });

  it('demo data is seeded: six demo accounts can sign in', async () => {
    const tokens = await apiFor(server).demoTokens();
    expect(Object.values(tokens)).toHaveLength(6);
    for (const t of Object.values(tokens)) expect(t).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

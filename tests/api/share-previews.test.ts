/**
 * Shared links against the built server and the built client: the HTML the
 * server sends for a proposal's address (what a chat app reads; no
 * JavaScript runs) carries the proposal's Open Graph and Twitter card tags
 * and is still the app; the card image is a PNG; a short link made through
 * the API leads to the page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiFor, CLIENT_DIST, ok, startServer, type Api, type StartedServer } from '../support/server.js';

let server: StartedServer;
let api: Api;
let proposal: { id: string; title: string; summary: string };

const metaOf = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1] ?? null;
const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  expect(existsSync(join(CLIENT_DIST, 'index.html'))).toBe(true);
  server = await startServer();
  api = apiFor(server);
  proposal = ok(await api.gql('{ proposals(status: [CONSULTATION], first: 1) { nodes { id title summary } } }'))
    .proposals.nodes[0];
  expect(proposal).toBeDefined();
});

afterAll(() => server?.stop());

it('sends a proposal’s page with its preview tags in the HTML itself', async () => {
  const res = await fetch(`${server.baseUrl}/proposals/${proposal.id}`, { headers: { 'user-agent': 'a chat app' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toMatch(/<script type="module"[^>]*src="\/assets\//); // the built app, unchanged otherwise
  expect(unescape(metaOf(html, 'og:title')!)).toBe(proposal.title);
  expect(unescape(metaOf(html, 'og:description')!)).toContain(proposal.summary);
  expect(metaOf(html, 'og:url')).toBe(`${server.baseUrl}/proposals/${proposal.id}`);
  expect(metaOf(html, 'twitter:card')).toBe('summary_large_image');
  const image = await fetch(metaOf(html, 'og:image')!);
  expect(image.headers.get('content-type')).toBe('image/png');
  expect(
    Buffer.from(await image.arrayBuffer())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});

it('makes a short link that leads to the page', async () => {
  const link = ok(
    await api.gql('mutation M($id: ID!) { createShareLink(kind: PROPOSAL, id: $id) { shortPath path } }', {
      id: proposal.id,
    }),
  ).createShareLink;
  const res = await fetch(`${server.baseUrl}${link.shortPath}`);
  expect(res.url).toBe(`${server.baseUrl}/proposals/${proposal.id}`);
  expect(unescape(metaOf(await res.text(), 'og:title')!)).toBe(proposal.title);
});

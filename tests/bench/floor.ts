/**
 * The feed's floor: the payload of FEED_QUERY built by the best single SQL
 * statement we can write (keyset page, LATERAL counts and "first 3 comments",
 * JSON aggregation in PostgreSQL) and sent by a bare `node:http` handler, with
 * no framework, no GraphQL, no ORM. It answers the same POST body as the
 * GraphQL endpoint with the same JSON (section 1 checks that once), so the
 * two are load-tested alike.
 *
 * It runs as a child process of its own (`startFloor`), like the server: in
 * the benchmark's process it would share one event loop with autocannon.
 */
import { fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The feed a resident's client asks for: what section 1 loads through GraphQL and the floor alike. */
export const FEED_QUERY = `query Feed($fundId: ID, $first: Int) {
  proposals(fundId: $fundId, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id title summary status category createdAt
      budget { minorUnits currency amount }
      votes { support oppose }
      commentCount
      sponsoredTotal { minorUnits currency amount }
      author { id displayName }
      organization { id name }
      need { id title }
      comments(first: 3) { nodes { id body createdAt author { id displayName } } }
    }
  }
}`;

/** DateTime as the API prints it (toISOString). */
const isoOf = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Money as the API prints it, for two-decimal currencies (the benchmark fund's CNY). */
const moneyOf = (minor: string) =>
  `json_build_object('minorUnits', ${minor}, 'currency', f.currency,
     'amount', (${minor} / 100)::text || '.' || lpad((${minor} % 100)::text, 2, '0'))`;

/**
 * $1 fund id, $2 page size. Anonymous viewers see every proposal but drafts;
 * pages are newest first on (created_at, id); the cursor is the API's
 * base64url of "<createdAt ISO>|<id>"; hidden comments show an empty body.
 */
export const FEED_SQL = `
WITH page AS (
  SELECT id, need_id, author_id, organization_id, title, summary, status, category, budget_minor, created_at
    FROM proposals
   WHERE fund_id = $1 AND status <> 'DRAFT'
   ORDER BY created_at DESC, id DESC
   LIMIT $2 + 1
), shown AS (
  SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT $2
), nodes AS (
  SELECT p.created_at, p.id, json_build_object(
           'id', p.id, 'title', p.title, 'summary', p.summary, 'status', p.status, 'category', p.category,
           'createdAt', ${isoOf('p.created_at')},
           'budget', ${moneyOf('p.budget_minor')},
           'votes', json_build_object('support', v.support, 'oppose', v.oppose),
           'commentCount', cc.n,
           'sponsoredTotal', ${moneyOf('s.total')},
           'author', json_build_object('id', a.id, 'displayName', a.display_name),
           'organization', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END,
           'need', CASE WHEN n.id IS NULL THEN NULL ELSE json_build_object('id', n.id, 'title', n.title) END,
           'comments', json_build_object('nodes', COALESCE(c.nodes, '[]'::json))
         ) AS node
    FROM shown p
    CROSS JOIN (SELECT currency FROM funds WHERE id = $1) f
    JOIN users a ON a.id = p.author_id
    LEFT JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN needs n ON n.id = p.need_id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE choice = 'SUPPORT') AS support, count(*) FILTER (WHERE choice = 'OPPOSE') AS oppose
        FROM votes WHERE proposal_id = p.id) v
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM comments WHERE proposal_id = p.id) cc
    CROSS JOIN LATERAL (
      SELECT COALESCE(sum(amount_minor), 0)::bigint AS total FROM sponsorships
       WHERE proposal_id = p.id AND kind = 'FUNDS' AND status IN ('ACCEPTED', 'FULFILLED')) s
    CROSS JOIN LATERAL (
      SELECT json_agg(json_build_object(
               'id', fc.id,
               'body', CASE WHEN fc.hidden_at IS NULL THEN fc.body ELSE '' END,
               'createdAt', ${isoOf('fc.created_at')},
               'author', json_build_object('id', u.id, 'displayName', u.display_name)
             ) ORDER BY fc.created_at, fc.id) AS nodes
        FROM (SELECT id, body, hidden_at, created_at, author_id FROM comments
               WHERE proposal_id = p.id ORDER BY created_at, id LIMIT 3) fc
        JOIN users u ON u.id = fc.author_id) c
)
SELECT json_build_object('data', json_build_object('proposals', json_build_object(
  'totalCount', (SELECT count(*) FROM proposals WHERE fund_id = $1 AND status <> 'DRAFT'),
  'pageInfo', json_build_object(
    'hasNextPage', (SELECT count(*) FROM page) > $2,
    'endCursor', (SELECT rtrim(translate(encode(convert_to(${isoOf('created_at')} || '|' || id, 'UTF8'), 'base64'),
                                         E'+/\\n', '-_'), '=')
                    FROM shown ORDER BY created_at, id LIMIT 1)),
  'nodes', COALESCE((SELECT json_agg(node ORDER BY created_at DESC, id DESC) FROM nodes), '[]'::json)
)))::text AS body`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** POST { variables: { fundId, first } } -> the feed's JSON, from one prepared statement. */
export function createFloorServer(pool: pg.Pool): Server {
  return createServer((req, res) => {
    readBody(req)
      .then(async (text) => {
        const { variables } = JSON.parse(text) as { variables: { fundId: string; first: number } };
        const { rows } = await pool.query<{ body: string }>({
          name: 'feed',
          text: FEED_SQL,
          values: [variables.fundId, variables.first],
        });
        const body = rows[0]!.body;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
  });
}

export interface StartedFloor {
  url: string;
  stop(): Promise<void>;
}

/** Starts the floor in a child process on a free port, with a pool of `poolSize` connections. */
export function startFloor(databaseUrl: string, poolSize: number): Promise<StartedFloor> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_POOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the floor exited before it listened (code ${code})`)));
    child.once('message', (message: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${message.port}/feed`,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

/** Child process: listen, tell the parent the port, close cleanly on SIGTERM. */
async function serveFloor(): Promise<void> {
  const pool = new pg.Pool({
    connectionString: process.env['FLOOR_DATABASE_URL'],
    max: Number(process.env['FLOOR_POOL_SIZE']),
  });
  const server = createFloorServer(pool);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveFloor();

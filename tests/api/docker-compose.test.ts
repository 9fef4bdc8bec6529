/**
 * The docker stack, checked without a Docker daemon: Debian's docker-compose
 * (1.29, `.ci/run` installs it) validates and normalizes docker/compose.yaml,
 * and the Dockerfile and nginx.conf are parsed and held to what the stack
 * needs: PostgreSQL and Redis with health checks, two or more server replicas
 * that can be scaled, an unprivileged server with a health check, and a load
 * balancer that passes WebSocket upgrades and the client's address.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/server.js';

const DOCKER_DIR = join(REPO_ROOT, 'docker');
const COMPOSE_FILE = join(DOCKER_DIR, 'compose.yaml');
const JWT_SECRET = 'compose-test-secret-0123456789-abcdefghijklmnop';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string') {
        reject(new Error(`cannot run ${file} (${error.code}); Debian: apt-get install docker-compose`));
        return;
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

// Only PATH and HOME from outside, and an empty env file in place of a stray docker/.env: the result
// depends on the compose file and the variables given here, nothing else.
let scratch: string;
const composeConfig = (vars: Record<string, string>) =>
  run('docker-compose', ['--env-file', join(scratch, 'empty.env'), '-f', COMPOSE_FILE, 'config'], {
    PATH: process.env['PATH'],
    HOME: scratch,
    ...vars,
  });

/** YAML to JSON with the PyYAML that Debian's docker-compose itself runs on (the tests have no YAML parser). */
async function yamlToJson(yaml: string): Promise<any> {
  const script = 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)';
  const converted = await run('python3', ['-c', script], { PATH: process.env['PATH'] }, yaml);
  expect(converted.stderr).toBe('');
  return JSON.parse(converted.stdout);
}

// --- Dockerfile: instructions (continuations joined, comments dropped) grouped by stage -------------------

interface Instruction {
  keyword: string;
  args: string;
}

function dockerStages(text: string): Instruction[][] {
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)!.push(instruction);
  }
  return stages;
}

const all = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const last = (stage: Instruction[], keyword: string) => all(stage, keyword).at(-1);

function envOf(stage: Instruction[]): Record<string, string> {
  const pairs = all(stage, 'ENV').flatMap((args) => args.split(/\s+/));
  return Object.fromEntries(pairs.map((pair) => pair.split('=', 2) as [string, string]));
}

// --- nginx.conf: directives and blocks -------------------------------------------------------------------

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

function parseNginx(text: string): Directive[] {
  const tokens = text.replace(/#[^\n]*/g, '').match(/'[^']*'|"[^"]*"|[{};]|[^\s{};]+/g) ?? [];
  let at = 0;
  const block = (depth: number): Directive[] => {
    const directives: Directive[] = [];
    while (at < tokens.length) {
      const words: string[] = [];
      while (at < tokens.length && !['{', '}', ';'].includes(tokens[at]!)) words.push(tokens[at++]!);
      const end = tokens[at++];
      if (end === '}' && words.length === 0) {
        if (depth === 0) throw new Error('nginx.conf: unbalanced }');
        return directives;
      }
      if (end === undefined || end === '}') throw new Error(`nginx.conf: unterminated "${words.join(' ')}"`);
      const [name, ...args] = words;
      directives.push(end === '{' ? { name: name!, args, block: block(depth + 1) } : { name: name!, args });
    }
    if (depth > 0) throw new Error('nginx.conf: missing }');
    return directives;
  };
  return block(0);
}

const named = (block: Directive[], name: string) => block.filter((d) => d.name === name);
const single = (block: Directive[], name: string) => named(block, name).at(-1)?.args;

/** What a location sends upstream: its own proxy_set_header list, or all of the server's when it has none. */
function proxyHeaders(server: Directive[], location: Directive[]): Map<string, string> {
  const own = named(location, 'proxy_set_header');
  const effective = own.length > 0 ? own : named(server, 'proxy_set_header');
  return new Map(effective.map((d) => [d.args[0]!.toLowerCase(), d.args.slice(1).join(' ')]));
}

const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
function nginxSeconds(value: string): number {
  const match = /^(\d+)(s|m|h|d)?$/.exec(value);
  if (!match) throw new Error(`not an nginx time: ${value}`);
  return Number(match[1]) * SECONDS[(match[2] ?? 's') as keyof typeof SECONDS];
}

// ---------------------------------------------------------------------------------------------------------

let services: Record<string, any>;
let runtime: Instruction[];
let stages: Instruction[][];
let nginx: Directive[];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cw-compose-'));
  writeFileSync(join(scratch, 'empty.env'), '');
  const config = await composeConfig({ JWT_SECRET });
  expect(config).toMatchObject({ code: 0 });
  services = (await yamlToJson(config.stdout)).services;
  stages = dockerStages(readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8'));
  runtime = stages.at(-1)!;
  nginx = parseNginx(readFileSync(join(DOCKER_DIR, 'nginx.conf'), 'utf8'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('docker/compose.yaml, as docker-compose normalizes it', () => {
  it('has PostgreSQL and Redis with health checks, PostgreSQL keeping its data in a volume', () => {
    const { postgres, redis } = services;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.healthcheck.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(postgres.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/:\/var\/lib\/postgresql\/data/)]));
    expect(redis.image).toMatch(/^redis:\d+/);
    expect(redis.healthcheck.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it('runs at least two server replicas built from docker/Dockerfile, free to be scaled', () => {
    const { server } = services;
    expect(server.build).toEqual({ context: REPO_ROOT, dockerfile: 'docker/Dockerfile' });
    expect(server.deploy.replicas).toBeGreaterThanOrEqual(2);
    // A published port or a fixed container name would let only one replica start.
    expect(server.ports).toBeUndefined();
    expect(server.container_name).toBeUndefined();
    expect(server.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('configures the replicas for production on the stack’s PostgreSQL and Redis, behind one proxy', () => {
    const env = services.server.environment;
    expect(env.NODE_ENV).toBe('production');
    expect(new URL(env.DATABASE_URL)).toMatchObject({ protocol: 'postgres:', hostname: 'postgres', port: '5432' });
    expect(new URL(env.REDIS_URL)).toMatchObject({ protocol: 'redis:', hostname: 'redis' });
    expect(env.JWT_SECRET).toBe(JWT_SECRET);
    expect(String(env.TRUST_PROXY)).toBe('1');
    // The demo data (known passwords) only when asked for.
    expect(env.SEED_DEMO).toBe('false');
  });

  it('refuses to start without a JWT_SECRET', async () => {
    const config = await composeConfig({});
    expect(config.code).not.toBe(0);
    expect(config.stderr).toMatch(/JWT_SECRET/);
  });

  it('puts nginx in front, with docker/nginx.conf, once a replica is healthy', () => {
    const { nginx: balancer } = services;
    expect(balancer.image).toMatch(/^nginx:/);
    expect(balancer.depends_on).toEqual({ server: { condition: 'service_healthy' } });
    expect(balancer.volumes).toContain(`${join(DOCKER_DIR, 'nginx.conf')}:/etc/nginx/conf.d/default.conf:ro`);
    expect(balancer.ports).toEqual([expect.objectContaining({ target: 80 })]);
  });
});

describe('docker/Dockerfile', () => {
  it('builds in stages and runs the built server on Node 20 as an unprivileged user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime[0]!.args).toMatch(/^node:20[-.\w]*$/);
    const user = last(runtime, 'USER');
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(envOf(runtime)['NODE_ENV']).toBe('production');
    expect(last(runtime, 'CMD')).toBe('["node", "server/dist/main.js"]');
  });

  it('installs only production dependencies for the runtime image and copies in the built client', () => {
    const copies = all(runtime, 'COPY');
    const depsStage = /--from=(\S+) \/app \.\//.exec(copies.join('\n'))?.[1];
    const deps = stages.find((stage) => stage[0]!.args.endsWith(` AS ${depsStage}`));
    expect(all(deps ?? [], 'RUN').join('\n')).toMatch(/npm ci .*--omit=dev/);
    for (const output of ['shared/dist', 'server/dist', 'client/dist'])
      expect(copies).toContainEqual(expect.stringMatching(new RegExp(`^--from=\\w+ /app/${output} ${output}$`)));
  });

  it('checks health through /readyz with Node on the port it exposes, the one nginx proxies to', () => {
    const healthcheck = last(runtime, 'HEALTHCHECK') ?? '';
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/readyz/);
    const port = envOf(runtime)['PORT'];
    expect(last(runtime, 'EXPOSE')).toBe(port);
    expect(services.server.environment.PORT ?? port).toBe(port);
    const server = named(nginx, 'server')[0]!.block!;
    const upstream = single(server, 'set')!;
    expect(upstream[1]).toBe(`http://server:${port}`);
  });

  it('copies from the build context only files that exist', () => {
    const sources = stages
      .flat()
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect([source, existsSync(join(REPO_ROOT, source))]).toEqual([source, true]);
  });
});

describe('docker/nginx.conf', () => {
  let server: Directive[];
  const location = (path: string) => named(server, 'location').find((l) => l.args.join(' ') === path)?.block;
  beforeAll(() => {
    server = named(nginx, 'server')[0]!.block!;
  });

  it('spreads requests over the replicas Docker’s DNS names, looked up again as they are scaled', () => {
    expect(single(server, 'listen')).toEqual(['80']);
    expect(single(server, 'resolver')?.[0]).toBe('127.0.0.11');
    const [variable] = single(server, 'set')!;
    expect(single(location('/')!, 'proxy_pass')).toEqual([variable]);
    expect(single(location('/graphql')!, 'proxy_pass')).toEqual([variable]);
  });

  it('passes the WebSocket upgrade on /graphql and keeps quiet sockets open', () => {
    const graphql = location('/graphql')!;
    expect(single(graphql, 'proxy_http_version') ?? single(server, 'proxy_http_version')).toEqual(['1.1']);
    const headers = proxyHeaders(server, graphql);
    expect(headers.get('upgrade')).toBe('$http_upgrade');
    expect(headers.get('connection')).toBe('$connection_upgrade');
    const map = named(nginx, 'map').find((m) => m.args.join(' ') === '$http_upgrade $connection_upgrade');
    expect(single(map!.block!, 'default')).toEqual(['upgrade']);
    expect(nginxSeconds(single(graphql, 'proxy_read_timeout')![0]!)).toBeGreaterThanOrEqual(600);
  });

  it('tells the server the client’s address and host on every proxied path', () => {
    for (const path of ['/', '/graphql']) {
      const headers = proxyHeaders(server, location(path)!);
      expect([path, headers.get('x-forwarded-for')]).toEqual([path, '$proxy_add_x_forwarded_for']);
      expect([path, headers.get('host')]).toEqual([path, '$host']);
    }
  });

  it('keeps /metrics from the public', () => {
    const metrics = location('= /metrics')!;
    expect(single(metrics, 'proxy_pass')).toBeUndefined();
    expect(single(metrics, 'return')).toEqual(['404']);
  });
});

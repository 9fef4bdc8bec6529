import type { Role } from '../../gql/graphql';

/** The accounts the demo seed creates (server/src/db/seed.ts); listed only when /config.json says demoMode. */
export const DEMO_PASSWORD = 'commonweal-demo';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'admin@danzishi.example', role: 'FUND_ADMIN' },
  { email: 'gov@danzishi.example', role: 'GOVERNMENT' },
  { email: 'enterprise@danzishi.example', role: 'ENTERPRISE' },
  { email: 'ngo@danzishi.example', role: 'SOCIAL_ORGANIZATION' },
  { email: 'resident@danzishi.example', role: 'RESIDENT' },
  { email: 'resident2@danzishi.example', role: 'RESIDENT' },
];

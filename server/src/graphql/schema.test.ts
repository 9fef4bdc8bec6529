import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges, type GraphQLObjectType } from 'graphql';
import { REPO_ROOT } from '../config.js';
import { printAppSchema, SCHEMA_FILE } from './print-schema.js';

/** The contract lives beside the checkout (`../shared`); COMMONWEAL_CONTRACT points elsewhere. */
const CONTRACT = process.env['COMMONWEAL_CONTRACT'] ?? join(REPO_ROOT, '..', 'shared', 'contract', 'schema.graphql');

describe('the generated schema', () => {
  let generated: string;
  beforeAll(async () => {
    generated = await printAppSchema();
  });

  it('is committed as server/schema.graphql and not stale (npm run schema:print -w @commonweal/server)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('is a compatible superset of the contract', () => {
    const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
    expect(findBreakingChanges(contract, buildSchema(generated))).toEqual([]);
  });

  it('never exposes emails or password hashes', () => {
    const user = buildSchema(generated).getType('User') as GraphQLObjectType;
    expect(Object.keys(user.getFields())).not.toEqual(expect.arrayContaining(['email']));
    expect(generated).not.toMatch(/passwordHash|password_hash/);
  });
});

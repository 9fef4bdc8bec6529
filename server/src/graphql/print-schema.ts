import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { REPO_ROOT } from '../config.js';
import { buildAppSchema } from './schema.js';

export const SCHEMA_FILE = join(REPO_ROOT, 'server', 'schema.graphql');

export async function printAppSchema(): Promise<string> {
  // Sorted, so the committed file diffs cleanly.
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}

// `npm run schema:print -w @commonweal/server` rewrites server/schema.graphql.
if (process.argv[1]?.endsWith('print-schema.js')) {
  writeFileSync(SCHEMA_FILE, await printAppSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}

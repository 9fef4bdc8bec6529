import { badInput } from '../../graphql/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is an ID (a UUID), for paths that answer "not found" rather than an error. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** IDs are UUIDs: anything else is bad input, refused before it reaches SQL. */
export function assertId(value: string, field: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} is not a valid ID`);
  return value.toLowerCase();
}

export function assertOptionalId(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : assertId(value, field);
}

export function assertIds(values: readonly string[], field: string): string[] {
  return values.map((value) => assertId(value, field));
}

import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint <-> JS bigint: money never passes through a float. */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

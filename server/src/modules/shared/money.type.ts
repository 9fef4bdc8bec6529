import { toMajorString } from '@commonweal/shared';
import { Field, ObjectType } from 'type-graphql';
import { SafeIntResolver } from 'graphql-scalars';

@ObjectType({ description: 'An exact amount of money in integer minor units.' })
export class Money {
  @Field(() => SafeIntResolver, { description: 'Integer minor units (fen for CNY).' })
  minorUnits: number;

  @Field({ description: 'ISO 4217 code, e.g. CNY.' })
  currency: string;

  @Field({ description: 'Exact decimal string in major units, e.g. "200000.00".' })
  amount: string;
}

/** Builds a Money from minor units; refuses amounts outside the safe-integer range rather than rounding. */
export function money(minor: bigint, currency: string): Money {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount out of safe range: ${minor}`);
  }
  return Object.assign(new Money(), { minorUnits: Number(minor), currency, amount: toMajorString(minor, currency) });
}

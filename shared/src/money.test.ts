import { formatMoney, parseMoney, toMajorString, toMinorBigInt } from './money.js';

describe('money helpers', () => {
  it('turns minor units into an exact decimal string', () => {
    expect(toMajorString(20_000_000n)).toBe('200000.00');
    expect(toMajorString(1)).toBe('0.01');
    expect(toMajorString('-205')).toBe('-2.05');
    expect(toMajorString(9_007_199_254_740_993n)).toBe('90071992547409.93');
    expect(toMajorString(500, 'JPY')).toBe('500');
  });

  it('formats for people with grouping and the currency symbol', () => {
    expect(formatMoney(123_456_789n)).toBe('¥1,234,567.89');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(-100_000)).toBe('-¥1,000.00');
  });

  it('parses typed amounts exactly and refuses what is not an amount', () => {
    expect(parseMoney('1,234.5')).toBe(123_450n);
    expect(parseMoney('¥20')).toBe(2000n);
    expect(parseMoney('0.01')).toBe(1n);
    expect(parseMoney('0.001')).toBeNull();
    expect(parseMoney('-1')).toBeNull();
    expect(parseMoney('1e3')).toBeNull();
    expect(parseMoney('')).toBeNull();
  });

  it('refuses fractional and unsafe numbers', () => {
    expect(() => toMinorBigInt(1.5)).toThrow(RangeError);
    expect(() => toMinorBigInt(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
    expect(() => toMinorBigInt('12.0')).toThrow(RangeError);
  });
});

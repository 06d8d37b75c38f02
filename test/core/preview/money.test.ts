import fc from 'fast-check';
import { formatMoney, fromNumber, moneyOf, MoneySums, parseUnits, scaleUnits } from '../../../src/core/preview/money';

describe('parseUnits', () => {
  it('reads CUR decimals exactly, to 10 places', () => {
    expect(parseUnits('0.0000004')).toBe(4000);
    expect(parseUnits('12.3400000001')).toBe(123_400_000_001);
    expect(parseUnits('-0.5')).toBe(-5_000_000_000);
    expect(parseUnits('7')).toBe(70_000_000_000);
    expect(parseUnits('.25')).toBe(2_500_000_000);
  });
  it('rounds half away from zero beyond 10 places', () => {
    expect(parseUnits('0.00000000005')).toBe(1);
    expect(parseUnits('0.00000000004')).toBe(0);
    expect(parseUnits('-0.00000000015')).toBe(-2);
  });
  it('reads exponents, as exports of tiny amounts write them', () => {
    expect(parseUnits('1E-7')).toBe(1000);
    expect(parseUnits('2.5e-3')).toBe(25_000_000);
  });
  it('treats a blank cell as 0 and anything else that is not a number as NaN', () => {
    expect(parseUnits('')).toBe(0);
    expect(parseUnits('  ')).toBe(0);
    expect(parseUnits('abc')).toBeNaN();
    expect(parseUnits('1.2.3')).toBeNaN();
    expect(parseUnits('$5')).toBeNaN();
  });
  it('agrees with exact bigint parsing on any 10-place decimal below the exact range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -899_999, max: 899_999 }),
        fc.integer({ min: 0, max: 9_999_999_999 }),
        (whole, frac) => {
          const text = `${whole < 0 ? '-' : ''}${Math.abs(whole)}.${String(frac).padStart(10, '0')}`;
          expect(BigInt(parseUnits(text))).toBe(moneyOf(text));
        },
      ),
    );
  });
});

describe('fromNumber', () => {
  it('takes a float amount (Parquet DOUBLE) to the nearest unit', () => {
    expect(fromNumber(0.1)).toBe(1_000_000_000);
    expect(fromNumber(-1.23456789012)).toBe(-12_345_678_901);
    expect(fromNumber(Number.NaN)).toBeNaN();
  });
});

describe('scaleUnits', () => {
  it('rounds a percent change to the unit, half away from zero', () => {
    expect(scaleUnits(100, 1.03)).toBe(103);
    expect(scaleUnits(5, 0.5)).toBe(3);
    expect(scaleUnits(-5, 0.5)).toBe(-3);
  });
});

describe('MoneySums', () => {
  it('sums a million cents exactly where a float sum drifts', () => {
    const sums = new MoneySums(1);
    let float = 0;
    const cent = parseUnits('0.01');
    for (let i = 0; i < 1_000_000; i++) {
      sums.add(0, cent);
      float += 0.01;
    }
    expect(sums.get(0)).toBe(moneyOf('10000'));
    expect(float).not.toBe(10000); // the drift the integer sum avoids
  });
  it('moves large partial sums into the bigint without losing a unit', () => {
    const sums = new MoneySums(2);
    const big = 2 ** 52 - 1;
    for (let i = 0; i < 10; i++) sums.add(1, big);
    sums.add(1, 1);
    expect(sums.get(1)).toBe(BigInt(big) * 10n + 1n);
    expect(sums.get(0)).toBe(0n);
  });
  it('grows on demand, new cells starting at 0', () => {
    const sums = new MoneySums(1);
    sums.ensure(100);
    sums.add(99, 5);
    expect(sums.capacity).toBeGreaterThanOrEqual(100);
    expect(sums.get(99)).toBe(5n);
    expect(sums.get(50)).toBe(0n);
  });
});

describe('formatMoney', () => {
  it('rounds to cents half away from zero, and keeps every unit when asked', () => {
    expect(formatMoney(moneyOf('1.005'))).toBe('1.01');
    expect(formatMoney(moneyOf('-1.005'))).toBe('-1.01');
    expect(formatMoney(moneyOf('0.004'))).toBe('0.00');
    expect(formatMoney(moneyOf('-0.004'))).toBe('0.00');
    expect(formatMoney(moneyOf('1234.5'), 10)).toBe('1234.5000000000');
  });
});

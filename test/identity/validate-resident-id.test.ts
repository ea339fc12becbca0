import { describe, expect, it } from 'vitest';
import { maskResidentId, residentIdCheckDigit, validateResidentId } from '../../src/identity/index.js';

const TODAY = new Date('2026-12-01T12:00:00Z');

/**
 * A made-up, structurally valid number: region, birth date and sequence chosen by the test, the 18th character
 * computed here, independently of the code under test, by ISO 7064 MOD 11-2 (GB 11643-1999):
 * S = Σ digit_i × (2^(17−i) mod 11) for i = 0…16, check = "10X98765432"[S mod 11].
 */
function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * (2 ** (17 - index) % 11);
  return first17 + '10X98765432'[sum % 11];
}

describe('身份证号 validation', () => {
  it('computes the check digit as the standard defines it', () => {
    // 11010519491231002 → X: the worked example of GB 11643-1999 (a specimen, not a person's number).
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(makeId('110105', '19491231', '002')).toBe('11010519491231002X');
    for (const sequence of ['001', '123', '457', '990'])
      expect(residentIdCheckDigit(`43010220150101${sequence}`)).toBe(
        makeId('430102', '20150101', sequence).at(-1),
      );
  });

  it('accepts valid numbers and returns the canonical form and birth date', () => {
    const id = makeId('430102', '20150101', '123');
    expect(validateResidentId(id, TODAY)).toEqual({
      ok: true,
      value: { id, provinceCode: '43', birthDate: '2015-01-01' },
    });
    expect(validateResidentId(makeId('650102', '20000229', '001'), TODAY).ok).toBe(true); // leap day
    expect(validateResidentId(makeId('810000', '19000101', '002'), TODAY).ok).toBe(true); // HK residence permit
  });

  it('accepts lower-case x, full-width digits and separators', () => {
    const withX = [
      '11010519491231002X',
      '11010519491231002x',
      '１１０１０５１９４９１２３１００２ｘ',
      '110105 19491231 002X',
    ];
    for (const input of withX)
      expect(validateResidentId(input, TODAY)).toMatchObject({
        ok: true,
        value: { id: '11010519491231002X' },
      });
  });

  it('refuses a wrong check digit', () => {
    const id = makeId('430102', '20150101', '123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(validateResidentId(wrong, TODAY)).toEqual({ ok: false, problem: 'bad_check_digit' });
  });

  it('refuses impossible and out-of-range birth dates', () => {
    expect(validateResidentId(makeId('430102', '20150230', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'bad_birth_date',
    });
    expect(validateResidentId(makeId('430102', '20190229', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'bad_birth_date',
    });
    expect(validateResidentId(makeId('430102', '20151301', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'bad_birth_date',
    });
    expect(validateResidentId(makeId('430102', '20261202', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'birth_date_in_future',
    });
    expect(validateResidentId(makeId('430102', '20261201', '123'), TODAY).ok).toBe(true); // born today
    expect(validateResidentId(makeId('430102', '18991231', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'birth_date_before_1900',
    });
  });

  it('refuses a wrong length, bad characters, an unknown province, and nothing', () => {
    const id = makeId('430102', '20150101', '123');
    expect(validateResidentId(id.slice(0, 17), TODAY)).toEqual({ ok: false, problem: 'wrong_length' });
    expect(validateResidentId(`${id}1`, TODAY)).toEqual({ ok: false, problem: 'wrong_length' });
    expect(validateResidentId('430102150101123', TODAY)).toEqual({ ok: false, problem: 'wrong_length' }); // old 15-digit
    expect(validateResidentId(`43010220150101X23${id[17]}`, TODAY)).toEqual({
      ok: false,
      problem: 'bad_characters',
    });
    expect(validateResidentId(makeId('990102', '20150101', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'unknown_region',
    });
    expect(validateResidentId(makeId('000102', '20150101', '123'), TODAY)).toEqual({
      ok: false,
      problem: 'unknown_region',
    });
    expect(validateResidentId('  ', TODAY)).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('身份证号 masking', () => {
  it('shows the first four and last four only', () => {
    expect(maskResidentId('430102201501011234')).toBe('4301**********1234');
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks anything that is not 18 characters whole, and nothing as empty', () => {
    expect(maskResidentId('430102150101123')).toBe('***************');
    expect(maskResidentId('')).toBe('');
    expect(maskResidentId(null)).toBe('');
  });
});

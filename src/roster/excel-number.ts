/**
 * Turns a number as stored in XLSX XML (`13800138000`, `1.3800138E+10`, `2.5E-3`, `-12.50`) into exact
 * decimal digits without going through a float, so phone and student numbers keep every digit Excel
 * kept. Returns the input unchanged when it is not a plain number.
 */
export function expandExcelNumber(raw: string): string {
  const s = raw.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return raw;
  const sign = m[1] === '-' ? '-' : '';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number.parseInt(m[4], 10);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400) return raw;
  const digits = intPart + fracPart;
  const pointAt = intPart.length + exp; // position of the decimal point within `digits`
  let whole: string;
  let frac: string;
  if (pointAt <= 0) {
    whole = '0';
    frac = '0'.repeat(-pointAt) + digits;
  } else if (pointAt >= digits.length) {
    whole = digits + '0'.repeat(pointAt - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, pointAt);
    frac = digits.slice(pointAt);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${whole}.${frac}` : whole;
  return body === '0' ? '0' : sign + body;
}

/** Applies an all-zeros custom number format (`000000`) the way Excel displays it: left-pads with zeros. */
export function applyZeroPadFormat(digits: string, formatCode: string | undefined): string {
  if (!formatCode || !/^0+$/.test(formatCode) || !/^\d+$/.test(digits)) return digits;
  return digits.padStart(formatCode.length, '0');
}

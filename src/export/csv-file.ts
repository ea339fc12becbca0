/**
 * A CSV file Excel opens correctly on Chinese Windows: UTF-8 with a BOM (without it Excel reads CP936 and
 * shows mojibake), CRLF line ends, RFC 4180 quoting. A cell that starts with = + - @ is prefixed with an
 * apostrophe so a name such as "=HYPERLINK(…)" stays text instead of becoming a formula (CSV injection).
 */
export function csvFile(rows: readonly (readonly string[])[]): Uint8Array {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
  const body = new TextEncoder().encode(`${text}\r\n`);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

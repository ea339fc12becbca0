import type { AuditLine } from './describe-audit-entry.js';

const BOM = '\uFEFF';

/** A CSV field: quoted when it holds a comma, quote or line break; formula-looking text is defused for Excel. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark and CRLF line ends, so Excel opens Chinese text correctly. */
export function auditCsv(header: readonly string[], lines: readonly AuditLine[]): string {
  const rows = [
    header,
    ...lines.map((line) => [line.time, line.actor, line.action, line.target, line.details, line.ip]),
  ];
  return `${BOM}${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

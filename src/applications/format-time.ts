/** A time as staff read it, in the deployment's time zone: 2026-09-01 16:00 (the same form notices use). */
export { formatLocalTime as formatStaffTime } from '../notices/format-time.js';

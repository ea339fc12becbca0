// The audit log: writing entries (audit-log.ts, used by every feature) and the page officers read it on.
export { type AuditEntry, audit, auditStatement } from './audit-log.js';
export { auditRoutes } from './audit-routes.js';

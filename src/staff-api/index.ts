// The staff JSON API (/api/staff/…) and the staff API tokens that authorize it (made in the console).

export {
  type ApiTokenRow,
  createApiToken,
  revokeApiToken,
  staffActorForApiToken,
  TOKEN_PREFIX,
} from './api-token-store.js';
export { type StaffApiEnv, staffApiAuth } from './staff-api-auth.js';
export { staffApi } from './staff-api-routes.js';
export { apiTokenPages } from './token-pages.js';

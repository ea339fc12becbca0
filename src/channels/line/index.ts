// The LINE channel (Messaging API + LIFF): an adapter around the one conversation engine.

export { LIFF_PAGE_SCRIPT } from './liff-page-script.min.js';
export { liffRoutes } from './liff-routes.js';
export { hasLiffSession } from './liff-session.js';
export { isLineConfigured, type LineConfig } from './line-api.js';
export { lineWebhookRoutes } from './line-webhook-routes.js';
export { runLineEvent } from './run-line-event.js';
export { verifyLineSignature } from './verify-signature.js';

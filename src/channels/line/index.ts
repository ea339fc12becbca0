// The LINE channel (Messaging API + LIFF): an adapter around the one conversation engine.
export { isLineConfigured, type LineConfig } from './line-api.js';
export { lineWebhookRoutes } from './line-webhook-routes.js';
export { runLineEvent } from './run-line-event.js';
export { verifyLineSignature } from './verify-signature.js';

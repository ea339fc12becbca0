// The LINE simulator shared by tests, the demo (`npm start -- --line-sim`) and bench/line-webhook.ts.
export {
  type DeliveredMessage,
  type LineSimulator,
  type LineSimulatorOptions,
  type RecordedRequest,
  type SimUser,
  startLineSimulator,
} from './line-simulator.js';
export { validateMessages } from './validate-messages.js';
export {
  lineEvents,
  lineSignature,
  sendWebhook,
  type WebhookEvent,
  webhookBody,
  webhookEventId,
} from './webhook-sender.js';

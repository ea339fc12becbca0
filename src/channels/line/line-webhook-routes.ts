import { Hono } from 'hono';
import * as z from 'zod';
import { enqueueJobs } from '../../delivery/index.js';
import { ApiError, errorBody } from '../../http/api-error.js';
import { requestBytes } from '../../http/request-body.js';
import type { AppDeps } from '../../platform/ports.js';
import { isLineConfigured } from './line-api.js';
import { verifyLineSignature } from './verify-signature.js';
import { lineWebhookSchema } from './webhook-schema.js';

/**
 * POST /webhook/line. The raw body is read once and its signature checked before anything parses it (a body
 * re-serialised as JSON would not match the HMAC). A valid request is acknowledged as soon as its events are
 * stored as jobs, one per webhookEventId, so a redelivered event is stored (and answered) once.
 */
export function lineWebhookRoutes(deps: AppDeps) {
  const app = new Hono();
  app.post('/line', async (c) => {
    const config = deps.config;
    if (!isLineConfigured(config)) throw new ApiError(404, 'not_found', 'LINE is not set up on this server.');
    const body = await requestBytes(c);
    const signature = c.req.header('x-line-signature');
    if (!(await verifyLineSignature(body, signature, config.LINE_CHANNEL_SECRET, deps.hmac))) {
      deps.logger.warn('line webhook signature refused', { requestId: c.get('requestId' as never) });
      return c.json(
        errorBody('invalid_signature', 'The X-Line-Signature header does not match the body.'),
        401,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body is not JSON.');
    }
    const parsed = lineWebhookSchema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'invalid_body',
        'The body is not a LINE webhook.',
        z.flattenError(parsed.error),
      );
    }
    // An empty event list is LINE's "Verify" button in the console: the answer is just 200.
    await enqueueJobs(
      deps,
      parsed.data.events.map((event) => ({
        job: { type: 'line_event', event },
        idempotencyKey: `line_event:${event.webhookEventId}`,
      })),
    );
    return c.json({});
  });
  return app;
}

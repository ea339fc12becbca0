import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { AppConfig } from '../../config.js';

/** LINE is set up for this deployment: the channel's secret and access token are configured. */
export type LineConfig = AppConfig & { LINE_CHANNEL_SECRET: string; LINE_CHANNEL_ACCESS_TOKEN: string };

export function isLineConfigured(config: AppConfig): config is LineConfig {
  return !!config.LINE_CHANNEL_SECRET && !!config.LINE_CHANNEL_ACCESS_TOKEN;
}

export interface LineApi {
  messaging: messagingApi.MessagingApiClient;
  blobs: messagingApi.MessagingApiBlobClient;
}

const clients = new WeakMap<AppConfig, LineApi>();

/** The SDK's clients, pointed at LINE or at the simulator (LINE_API_BASE_URL), once per configuration. */
export function lineApi(config: LineConfig): LineApi {
  let api = clients.get(config);
  if (!api) {
    const channelAccessToken = config.LINE_CHANNEL_ACCESS_TOKEN;
    api = {
      messaging: new messagingApi.MessagingApiClient({
        channelAccessToken,
        baseURL: config.LINE_API_BASE_URL,
      }),
      blobs: new messagingApi.MessagingApiBlobClient({
        channelAccessToken,
        baseURL: config.LINE_DATA_API_BASE_URL,
      }),
    };
    clients.set(config, api);
  }
  return api;
}

/** LINE said no for good (bad request, unknown user): retrying would not help. */
export class LineRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`LINE refused the request (${status}): ${reason}`);
  }
}

/** LINE is busy or down and a longer wait than we may spend now is needed: the job retries later. */
export class LineUnavailableError extends Error {}

export type LineCallResult<T> = { ok: true; value: T } | { ok: false; status: 409 };

const MAX_TRIES = 4;
/** Longest wait inside one job run; a longer Retry-After is left to the job's own backoff. */
const MAX_WAIT_MS = 10_000;

/**
 * Calls LINE, waiting and trying again on 429 and 5xx (LINE does not retry for us), honouring Retry-After.
 * 409 (a retry key already accepted) comes back as a result: the earlier request went through. Other 4xx
 * throw LineRefusedError; a failure that outlasts MAX_TRIES throws LineUnavailableError.
 */
export async function callLine<T>(
  call: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<LineCallResult<T>> {
  let lastReason = '';
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      if (!(error instanceof HTTPFetchError)) {
        // A network failure reaching LINE: as a 5xx, the request may or may not have arrived.
        lastReason = error instanceof Error ? error.message : String(error);
        if (attempt >= MAX_TRIES) throw new LineUnavailableError(`LINE unreachable: ${lastReason}`);
        await sleep(backoffMs(attempt));
        continue;
      }
      if (error.status === 409) return { ok: false, status: 409 };
      if (error.status !== 429 && error.status < 500)
        throw new LineRefusedError(error.status, errorMessage(error.body));
      lastReason = `${error.status} ${errorMessage(error.body)}`;
      const wait = retryAfterMs(error.headers.get('retry-after')) ?? backoffMs(attempt);
      if (attempt >= MAX_TRIES || wait > MAX_WAIT_MS) {
        throw new LineUnavailableError(`LINE answered ${lastReason}; retry after ${wait} ms`);
      }
      await sleep(wait);
    }
  }
}

const backoffMs = (attempt: number) => 250 * 2 ** (attempt - 1);

/** Retry-After as seconds or an HTTP date (RFC 9110), in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** LINE's error body is `{ message, details? }`; keep the message only (it never holds personal data). */
function errorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
      return parsed.message.slice(0, 200);
    }
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}

/**
 * A stable X-Line-Retry-Key (a UUID, as LINE requires) for one logical send: the same send retried after a
 * crash or a timeout carries the same key, and LINE answers 409 instead of delivering it twice.
 */
export async function retryKeyFor(name: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)));
  digest[6] = (digest[6]! & 0x0f) | 0x40;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest.subarray(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

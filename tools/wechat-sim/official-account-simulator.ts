import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';

// A loopback stand-in for the Official Account API endpoints Mingbai calls, written from WeChat's
// documentation: stable access token, customer-service message, template message, temporary media. It checks
// what WeChat checks (credentials, token, follower, 48-hour window, 20 replies per user message, template id,
// client_msg_id de-duplication), answers with WeChat's errcode/errmsg, and records what it was sent.

export interface SimulatedAccount {
  appId: string;
  appSecret: string;
  /** The account's original id (gh_…), the ToUserName of messages to it. */
  originalId: string;
  templateIds: string[];
}

export interface RecordedCall {
  path: string;
  body: unknown;
  at: number;
}

export interface SentMessage {
  kind: 'custom' | 'template';
  openId: string;
  text?: string;
  templateId?: string;
  url?: string;
  data?: Record<string, { value: string }>;
}

const WINDOW_MS = 48 * 60 * 60_000;
const REPLIES_PER_MESSAGE = 20;
const TOKEN_SECONDS = 7200;

/** WeChat's error codes used here, with their documented messages. */
export const WECHAT_ERRORS = {
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidOpenId: { errcode: 40003, errmsg: 'invalid openid' },
  invalidMediaId: { errcode: 40007, errmsg: 'invalid media_id' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidTemplate: { errcode: 40037, errmsg: 'invalid template_id' },
  invalidSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  missingToken: { errcode: 41001, errmsg: 'access_token missing' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
  requireSubscribe: { errcode: 43004, errmsg: 'require subscribe' },
  contentTooLong: { errcode: 45002, errmsg: 'content size out of limit' },
  outOfWindow: { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' },
  outOfCount: { errcode: 45047, errmsg: 'out of response count limit' },
  invalidBody: { errcode: 47001, errmsg: 'data format error' },
  busy: { errcode: -1, errmsg: 'system error' },
} as const;

export interface OfficialAccountSimulator {
  baseUrl: string;
  account: SimulatedAccount;
  calls: RecordedCall[];
  /** Messages WeChat accepted for delivery, in order. */
  sent: SentMessage[];
  /** A user follows the account (the subscribe event is sent separately). */
  follow(openId: string): void;
  unfollow(openId: string): void;
  /** A user wrote to the account: opens the 48-hour window and resets the reply count. */
  userWrote(openId: string, at?: number): void;
  /** Stores a file as a temporary media (as if a user sent a photo); returns its media_id. */
  addMedia(bytes: Uint8Array, contentType: string): string;
  /** Every issued token stops working (WeChat rotated them): the next call gets 40001. */
  revokeTokens(): void;
  /** The next calls to `path` fail with this error (a busy system, a rate limit). */
  failNext(path: string, error: { errcode: number; errmsg: string }, times?: number): void;
  /** The next answer from `path` comes this much later (a slow network). */
  delayNext(path: string, ms: number): void;
  /** The simulator's own clock (ms), for the 48-hour window; defaults to Date.now. */
  setClock(now: () => number): void;
  tokensIssued(): number;
  close(): Promise<void>;
}

export async function startOfficialAccountSimulator(
  account: SimulatedAccount,
  { port = 0 }: { port?: number } = {},
): Promise<OfficialAccountSimulator> {
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const tokens = new Map<string, number>();
  let issued = 0;
  const followers = new Set<string>();
  const lastWrote = new Map<string, number>();
  const repliesSince = new Map<string, number>();
  const media = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const failures = new Map<string, { error: { errcode: number; errmsg: string }; times: number }[]>();
  const clientMsgIds = new Map<string, number>();
  const delays = new Map<string, number>();
  const wait = async (path: string) => {
    const ms = delays.get(path);
    if (!ms) return;
    delays.delete(path);
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
  let now = () => Date.now();

  const app = new Hono();
  const json = (c: Context, body: object) => c.json(body, 200);
  const record = (path: string, body: unknown) => calls.push({ path, body, at: now() });
  const injected = (path: string) => {
    const queue = failures.get(path);
    const next = queue?.[0];
    if (!next) return null;
    next.times -= 1;
    if (next.times <= 0) queue.shift();
    return next.error;
  };
  const tokenError = (c: Context) => {
    const token = c.req.query('access_token');
    if (!token) return WECHAT_ERRORS.missingToken;
    const expires = tokens.get(token);
    if (expires === undefined) return WECHAT_ERRORS.invalidCredential;
    if (expires < now()) return WECHAT_ERRORS.expiredToken;
    return null;
  };
  const readJson = async (c: Context): Promise<Record<string, unknown> | null> => {
    try {
      const value: unknown = await c.req.json();
      return value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  };

  app.post('/cgi-bin/stable_token', async (c) => {
    const body = await readJson(c);
    record('/cgi-bin/stable_token', body && { ...body, secret: body.secret ? '***' : undefined });
    const fail = injected('/cgi-bin/stable_token');
    if (fail) return json(c, fail);
    if (body?.grant_type !== 'client_credential') return json(c, WECHAT_ERRORS.invalidBody);
    if (body.appid !== account.appId) return json(c, WECHAT_ERRORS.invalidAppId);
    if (body.secret !== account.appSecret) return json(c, WECHAT_ERRORS.invalidSecret);
    // Like WeChat's stable token: the same token until it expires, unless a refresh is forced.
    const current = [...tokens.entries()].find(([, expires]) => expires > now() + 60_000);
    if (current && body.force_refresh !== true) {
      return json(c, { access_token: current[0], expires_in: Math.floor((current[1] - now()) / 1000) });
    }
    const token = `SIM_${randomBytes(24).toString('hex')}`;
    tokens.set(token, now() + TOKEN_SECONDS * 1000);
    issued += 1;
    return json(c, { access_token: token, expires_in: TOKEN_SECONDS });
  });

  app.post('/cgi-bin/message/custom/send', async (c) => {
    const body = await readJson(c);
    record('/cgi-bin/message/custom/send', body);
    const fail = tokenError(c) ?? injected('/cgi-bin/message/custom/send');
    if (fail) return json(c, fail);
    const text = (body?.text as { content?: unknown } | undefined)?.content;
    if (!body || typeof body.touser !== 'string' || body.msgtype !== 'text' || typeof text !== 'string') {
      return json(c, WECHAT_ERRORS.invalidBody);
    }
    const openId = body.touser;
    if (!followers.has(openId)) return json(c, WECHAT_ERRORS.invalidOpenId);
    const wrote = lastWrote.get(openId);
    if (wrote === undefined || now() - wrote > WINDOW_MS) return json(c, WECHAT_ERRORS.outOfWindow);
    const count = repliesSince.get(openId) ?? 0;
    if (count >= REPLIES_PER_MESSAGE) return json(c, WECHAT_ERRORS.outOfCount);
    if (new TextEncoder().encode(text).length > 2048) return json(c, WECHAT_ERRORS.contentTooLong);
    repliesSince.set(openId, count + 1);
    sent.push({ kind: 'custom', openId, text });
    return json(c, { errcode: 0, errmsg: 'ok' });
  });

  app.post('/cgi-bin/message/template/send', async (c) => {
    const body = await readJson(c);
    record('/cgi-bin/message/template/send', body);
    const fail = tokenError(c) ?? injected('/cgi-bin/message/template/send');
    if (fail) return json(c, fail);
    if (!body || typeof body.touser !== 'string' || typeof body.template_id !== 'string') {
      return json(c, WECHAT_ERRORS.invalidBody);
    }
    if (!account.templateIds.includes(body.template_id)) return json(c, WECHAT_ERRORS.invalidTemplate);
    if (!followers.has(body.touser)) return json(c, WECHAT_ERRORS.requireSubscribe);
    const data = body.data as Record<string, { value: string }> | undefined;
    if (!data || typeof data !== 'object') return json(c, WECHAT_ERRORS.invalidBody);
    // The same client_msg_id for the same user within 10 minutes is sent once.
    const key = typeof body.client_msg_id === 'string' ? `${body.touser}|${body.client_msg_id}` : null;
    const earlier = key ? clientMsgIds.get(key) : undefined;
    if (key && earlier !== undefined) return json(c, { errcode: 0, errmsg: 'ok', msgid: earlier });
    const msgid = 1_000_000 + sent.length;
    if (key) clientMsgIds.set(key, msgid);
    sent.push({
      kind: 'template',
      openId: body.touser,
      templateId: body.template_id,
      url: typeof body.url === 'string' ? body.url : undefined,
      data,
    });
    return json(c, { errcode: 0, errmsg: 'ok', msgid });
  });

  app.get('/cgi-bin/media/get', async (c) => {
    record('/cgi-bin/media/get', { media_id: c.req.query('media_id') });
    await wait('/cgi-bin/media/get');
    const fail = tokenError(c) ?? injected('/cgi-bin/media/get');
    if (fail) return json(c, fail);
    const file = media.get(c.req.query('media_id') ?? '');
    if (!file) return json(c, WECHAT_ERRORS.invalidMediaId);
    return c.body(Uint8Array.from(file.bytes).buffer, 200, {
      'content-type': file.contentType,
      'content-disposition': 'attachment; filename="photo.jpg"',
    });
  });

  app.notFound((c) => c.json({ errcode: 40066, errmsg: 'invalid url' }, 404));

  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    account,
    calls,
    sent,
    follow: (openId) => void followers.add(openId),
    unfollow: (openId) => void followers.delete(openId),
    userWrote(openId, at) {
      lastWrote.set(openId, at ?? now());
      repliesSince.set(openId, 0);
    },
    addMedia(bytes, contentType) {
      const id = `MEDIA_${randomBytes(12).toString('hex')}`;
      media.set(id, { bytes, contentType });
      return id;
    },
    revokeTokens: () => tokens.clear(),
    failNext(path, error, times = 1) {
      const queue = failures.get(path) ?? [];
      queue.push({ error, times });
      failures.set(path, queue);
    },
    delayNext(path, ms) {
      delays.set(path, ms);
    },
    setClock(clock) {
      now = clock;
    },
    tokensIssued: () => issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

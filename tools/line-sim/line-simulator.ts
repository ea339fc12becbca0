import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LineErrorDetail, validateMessages } from './validate-messages.js';

// A loopback stand-in for the parts of the LINE platform Mingbai calls (reply, push, multicast, message content,
// profile, LIFF ID token verification), built from LINE's published API reference: the same paths, request
// checks, error bodies and status codes, a rate limit, and the retry-key rule. It records every request, so
// tests, the demo and the benchmark can see exactly what reached "LINE".

export interface LineSimulatorOptions {
  channelAccessToken: string;
  /** The LINE Login / LIFF channel id an ID token is issued for (`aud`). */
  channelId: string;
  port?: number;
  /** How long a reply token stays usable (LINE: about a minute). */
  replyTokenTtlMs?: number;
  /** Requests per second for the message endpoints before 429 (LINE's push limit is 2,000/s). */
  rateLimitPerSecond?: number;
  /** The Retry-After header sent with a 429 (LINE may send none: null). */
  retryAfterSeconds?: number | null;
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  retryKey: string | null;
  body: unknown;
  status: number;
}

/** A message that reached a user's phone, in the order the simulator accepted it. */
export interface DeliveredMessage {
  to: string;
  via: 'reply' | 'push' | 'multicast';
  message: Record<string, unknown>;
  /** The reply token it answered (replies only). */
  replyToken?: string;
}

export interface SimUser {
  userId: string;
  displayName: string;
  language: string;
  /** Set when the user blocked the account: pushes are accepted but never reach them. */
  blocked?: boolean;
}

interface Injected {
  path: string;
  status: number;
  retryAfter: number | null;
  remaining: number;
}

const USER_ID = /^U[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

export type LineSimulator = Awaited<ReturnType<typeof startLineSimulator>>;

export async function startLineSimulator(options: LineSimulatorOptions) {
  const replyTtl = options.replyTokenTtlMs ?? 60_000;
  const perSecond = options.rateLimitPerSecond ?? 2_000;
  const retryAfter = options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds;
  const received: RecordedRequest[] = [];
  const delivered: DeliveredMessage[] = [];
  const users = new Map<string, SimUser>();
  const replyTokens = new Map<string, { userId: string; issuedAt: number; used: boolean }>();
  const retryKeys = new Map<string, { requestId: string; at: number }>();
  const contents = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const idTokens = new Map<string, { userId: string; expiresAt: number }>();
  const injected: Injected[] = [];
  let windowStart = 0;
  let windowCount = 0;
  const listeners = new Set<(message: DeliveredMessage) => void>();

  const deliver = (message: DeliveredMessage) => {
    delivered.push(message);
    for (const listener of listeners) listener(message);
  };

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const requestId = randomUUID();
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-line-request-id': requestId,
      ...headers,
    });
    response.end(body === null ? '' : JSON.stringify(body));
    return requestId;
  }

  const badRequest = (response: ServerResponse, details: LineErrorDetail[]) =>
    send(response, 400, { message: `The request body has ${details.length} error(s)`, details });

  /** A fixed one-second window per process, as LINE counts "requests per second" per channel. */
  function rateLimited(): boolean {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount++;
    return windowCount > perSecond;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const raw = request.method === 'POST' ? await readBody(request) : '';
    const retryKey = (request.headers['x-line-retry-key'] as string | undefined) ?? null;
    let body: unknown = raw;
    if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
    }
    const record = (status: number) =>
      received.push({ at: Date.now(), method: request.method ?? 'GET', path, retryKey, body, status });

    // LIFF ID tokens (LINE Login API): no bearer token, the channel id is the client id.
    if (path === '/oauth2/v2.1/verify' && request.method === 'POST') {
      const form = new URLSearchParams(raw);
      const token = idTokens.get(form.get('id_token') ?? '');
      const fail = (description: string) => {
        record(400);
        send(response, 400, { error: 'invalid_request', error_description: description });
      };
      if (!token) return fail('Invalid IdToken.');
      if (form.get('client_id') !== options.channelId) return fail('Invalid IdToken Audience.');
      if (token.expiresAt < Date.now()) return fail('IdToken expired.');
      const user = users.get(token.userId);
      record(200);
      return send(response, 200, {
        iss: 'https://access.line.me',
        sub: token.userId,
        aud: options.channelId,
        exp: Math.floor(token.expiresAt / 1000),
        iat: Math.floor((token.expiresAt - 3600_000) / 1000),
        amr: ['linesso'],
        name: user?.displayName ?? 'LINE user',
      });
    }

    if (request.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
      record(401);
      return send(response, 401, {
        message:
          'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.',
      });
    }

    const fault = injected.find((item) => item.remaining > 0 && path.startsWith(item.path));
    if (fault) {
      fault.remaining--;
      record(fault.status);
      return send(
        response,
        fault.status,
        {
          message:
            fault.status === 429
              ? 'The API rate limit has been exceeded. Try again later.'
              : 'Internal error',
        },
        fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter) },
      );
    }

    const isSend = path.startsWith('/v2/bot/message/') && request.method === 'POST';
    if (isSend && rateLimited()) {
      record(429);
      return send(
        response,
        429,
        { message: 'The API rate limit has been exceeded. Try again later.' },
        retryAfter === null ? {} : { 'retry-after': String(retryAfter) },
      );
    }

    if (isSend && retryKey !== null) {
      if (path === '/v2/bot/message/reply') {
        record(400);
        return send(response, 400, { message: 'The retry key is not supported by this API' });
      }
      if (!UUID.test(retryKey)) {
        record(400);
        return send(response, 400, { message: 'The value of the X-Line-Retry-Key header is invalid' });
      }
      const earlier = retryKeys.get(retryKey);
      if (earlier && Date.now() - earlier.at < DAY_MS) {
        record(409);
        return send(
          response,
          409,
          { message: 'The retry key is already accepted' },
          { 'x-line-accepted-request-id': earlier.requestId },
        );
      }
    }

    const accept = (
      via: DeliveredMessage['via'],
      to: readonly string[],
      messages: Record<string, unknown>[],
      replyToken?: string,
    ) => {
      record(200);
      const requestId = send(
        response,
        200,
        via === 'multicast' ? {} : { sentMessages: messages.map(sentMessage) },
      );
      if (retryKey) retryKeys.set(retryKey, { requestId, at: Date.now() });
      for (const user of to) {
        if (users.get(user)?.blocked) continue;
        for (const message of messages)
          deliver({ to: user, via, message, ...(replyToken ? { replyToken } : {}) });
      }
    };
    const messagesOf = (value: unknown, max = 5) => {
      const messages = (value as { messages?: unknown } | null)?.messages;
      return { messages, problems: validateMessages(messages, max) };
    };

    if (path === '/v2/bot/message/reply' && request.method === 'POST') {
      const replyToken = (body as { replyToken?: unknown } | null)?.replyToken;
      const entry = typeof replyToken === 'string' ? replyTokens.get(replyToken) : undefined;
      if (!entry || entry.used || Date.now() - entry.issuedAt > replyTtl) {
        record(400);
        return send(response, 400, { message: 'Invalid reply token' });
      }
      const { messages, problems } = messagesOf(body);
      if (problems.length > 0) {
        record(400);
        return badRequest(response, problems);
      }
      entry.used = true;
      return accept('reply', [entry.userId], messages as Record<string, unknown>[], replyToken as string);
    }

    if (path === '/v2/bot/message/push' && request.method === 'POST') {
      const to = (body as { to?: unknown } | null)?.to;
      if (typeof to !== 'string' || !USER_ID.test(to)) {
        record(400);
        return send(response, 400, {
          message: "The property, 'to', in the request body is invalid (line: -, column: -)",
        });
      }
      const { messages, problems } = messagesOf(body);
      if (problems.length > 0) {
        record(400);
        return badRequest(response, problems);
      }
      return accept('push', [to], messages as Record<string, unknown>[]);
    }

    if (path === '/v2/bot/message/multicast' && request.method === 'POST') {
      const to = (body as { to?: unknown } | null)?.to;
      if (!Array.isArray(to) || to.length < 1 || to.length > 500) {
        record(400);
        return badRequest(response, [{ message: 'Size must be between 1 and 500', property: 'to' }]);
      }
      if (!to.every((id) => typeof id === 'string' && USER_ID.test(id))) {
        record(400);
        return send(response, 400, { message: "The property, 'to', in the request body is invalid" });
      }
      const { messages, problems } = messagesOf(body);
      if (problems.length > 0) {
        record(400);
        return badRequest(response, problems);
      }
      return accept('multicast', to as string[], messages as Record<string, unknown>[]);
    }

    const content = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(path);
    if (content && request.method === 'GET') {
      const found = contents.get(decodeURIComponent(content[1]!));
      if (!found) {
        record(404);
        return send(response, 404, { message: 'Not found' });
      }
      record(200);
      response.writeHead(200, {
        'content-type': found.contentType,
        'content-length': found.bytes.byteLength,
      });
      return response.end(found.bytes);
    }

    const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
    if (profile && request.method === 'GET') {
      const user = users.get(decodeURIComponent(profile[1]!));
      if (!user || user.blocked) {
        record(404);
        return send(response, 404, { message: 'Not found' });
      }
      record(200);
      return send(response, 200, {
        userId: user.userId,
        displayName: user.displayName,
        language: user.language,
      });
    }

    record(404);
    return send(response, 404, { message: 'Not found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { message: String(error) });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    delivered,
    /** A LINE user who has added the account as a friend. */
    addUser(user: Partial<SimUser> = {}): SimUser {
      const userId = user.userId ?? `U${randomBytes(16).toString('hex')}`;
      const full = { displayName: 'LINE user', language: 'zh-TW', ...user, userId };
      users.set(userId, full);
      return full;
    },
    blockUser(userId: string) {
      const user = users.get(userId);
      if (user) user.blocked = true;
    },
    /** The reply token a webhook event carries (usable once, for replyTokenTtlMs). */
    issueReplyToken(userId: string): string {
      const token = randomBytes(16).toString('hex');
      replyTokens.set(token, { userId, issuedAt: Date.now(), used: false });
      return token;
    },
    /** The bytes a user sent (an image message), fetched later from /v2/bot/message/{id}/content. */
    addContent(messageId: string, bytes: Uint8Array, contentType = 'image/jpeg') {
      contents.set(messageId, { bytes, contentType });
    },
    /** An ID token as liff.getIDToken() would give the page of this user. */
    issueIdToken(userId: string, ttlMs = 3600_000): string {
      const token = `sim.${createHash('sha256').update(randomBytes(16)).digest('base64url')}`;
      idTokens.set(token, { userId, expiresAt: Date.now() + ttlMs });
      return token;
    },
    /** The next `count` requests to paths starting with `path` answer `status` (a 5xx or a 429). */
    failNext(path: string, status: number, count = 1, retryAfterSeconds: number | null = null) {
      injected.push({ path, status, retryAfter: retryAfterSeconds, remaining: count });
    },
    messagesTo(userId: string): DeliveredMessage[] {
      return delivered.filter((message) => message.to === userId);
    },
    onDeliver(listener: (message: DeliveredMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      received.length = 0;
      delivered.length = 0;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sentMessage() {
  return {
    id: String(BigInt(`0x${randomBytes(7).toString('hex')}`)),
    quoteToken: randomBytes(12).toString('base64url'),
  };
}

import * as z from 'zod';

// The Official Account API endpoints Mingbai calls, as documented: stable access token, customer-service
// message, template message and temporary media download. `apiBase` points them at a simulator in tests.

export interface OfficialAccountCredentials {
  apiBase: string;
  appId: string;
  appSecret: string;
}

/** WeChat's own error: `errcode` is stable (40001 invalid token, 45015 outside 48 h, 45047 too many…). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** The access token was refused: fetch a new one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh this long before WeChat says the token expires. */
const EARLY_REFRESH_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

const tokenAnswer = z.object({
  access_token: z.string().min(1).max(2000),
  expires_in: z.number().int().positive(),
});
const errorAnswer = z.object({ errcode: z.number().int(), errmsg: z.string().default('') }).loose();

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * A client for one Official Account. The access token is cached in memory and shared by every call; the
 * stable-token endpoint hands every instance (each Worker isolate, the Node process) the same token without
 * invalidating the others', so no shared store is needed.
 */
export function officialAccountApi(credentials: OfficialAccountCredentials, now: () => number = Date.now) {
  let cached: CachedToken | null = null;
  let pending: Promise<CachedToken> | null = null;

  async function fetchToken(forceRefresh: boolean): Promise<CachedToken> {
    const response = await fetch(`${credentials.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: credentials.appId,
        secret: credentials.appSecret,
        force_refresh: forceRefresh,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await readAnswer(response);
    const token = tokenAnswer.safeParse(body);
    if (!token.success) throw new WechatApiError(-1, 'unexpected token answer');
    return {
      token: token.data.access_token,
      expiresAt: now() + token.data.expires_in * 1000 - EARLY_REFRESH_MS,
    };
  }

  async function accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && cached && cached.expiresAt > now()) return cached.token;
    // Callers arriving during a refresh wait for the same one.
    pending ??= fetchToken(forceRefresh).finally(() => {
      pending = null;
    });
    cached = await pending;
    return cached.token;
  }

  /** Calls an endpoint with the token; a refused token is refreshed and the call made once more. */
  async function call<T>(
    request: (token: string) => Promise<Response>,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken(attempt > 0);
      try {
        return await read(await request(token));
      } catch (error) {
        if (attempt === 0 && error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode)) {
          cached = null;
          continue;
        }
        throw error;
      }
    }
  }

  const postJson = (path: string, payload: unknown) => (token: string) =>
    fetch(`${credentials.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });

  return {
    accessToken,

    /** 客服消息: a text to a follower who wrote within the last 48 hours. */
    async sendCustomText(openId: string, content: string): Promise<void> {
      await call(
        postJson('/cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content } }),
        readAnswer,
      );
    },

    /** 模板消息; `clientMsgId` makes WeChat drop a repeat of the same send (for 10 minutes). */
    async sendTemplate(input: {
      openId: string;
      templateId: string;
      url?: string;
      data: Record<string, string>;
      clientMsgId: string;
    }): Promise<void> {
      const data = Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, { value }]));
      await call(
        postJson('/cgi-bin/message/template/send', {
          touser: input.openId,
          template_id: input.templateId,
          ...(input.url ? { url: input.url } : {}),
          data,
          client_msg_id: input.clientMsgId,
        }),
        readAnswer,
      );
    },

    /** A temporary media file (a photo a user sent); 'too_large' past `maxBytes` (the download stops there). */
    async downloadMedia(mediaId: string, maxBytes: number): Promise<Uint8Array | 'too_large'> {
      return call(
        (token) =>
          fetch(
            `${credentials.apiBase}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`,
            { signal: AbortSignal.timeout(TIMEOUT_MS) },
          ),
        async (response) => {
          const type = response.headers.get('content-type') ?? '';
          // Errors come back as JSON with status 200.
          if (type.includes('json') || type.startsWith('text/')) {
            await readAnswer(response);
            throw new WechatApiError(-1, 'media answer was not a file');
          }
          if (!response.ok) throw new WechatApiError(-1, `media download HTTP ${response.status}`);
          const declared = Number(response.headers.get('content-length') ?? '0');
          if (declared > maxBytes) {
            await response.body?.cancel();
            return 'too_large';
          }
          return readAtMost(response, maxBytes);
        },
      );
    },
  };
}

export type OfficialAccountApi = ReturnType<typeof officialAccountApi>;

const clients = new Map<string, OfficialAccountApi>();

/** One client (and so one cached token) per account for the whole process or isolate. */
export function sharedOfficialAccountApi(credentials: OfficialAccountCredentials): OfficialAccountApi {
  const key = `${credentials.apiBase}|${credentials.appId}|${credentials.appSecret}`;
  let client = clients.get(key);
  if (!client) {
    client = officialAccountApi(credentials);
    clients.set(key, client);
  }
  return client;
}

/** WeChat answers 200 with `{ errcode, errmsg }`; a non-zero errcode is thrown as WechatApiError. */
async function readAnswer(response: Response): Promise<unknown> {
  if (response.status >= 500) throw new WechatApiError(-1, `HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new WechatApiError(-1, `HTTP ${response.status}, not JSON`);
  }
  const error = errorAnswer.safeParse(body);
  if (error.success && error.data.errcode !== 0)
    throw new WechatApiError(error.data.errcode, error.data.errmsg);
  if (!response.ok) throw new WechatApiError(-1, `HTTP ${response.status}`);
  return body;
}

/** The body, or 'too_large' once it passes `maxBytes` (the download stops there). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return 'too_large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

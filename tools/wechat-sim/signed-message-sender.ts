import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { OfficialAccountSimulator } from './official-account-simulator.js';

// Plays WeChat's servers toward Mingbai's webhook: builds the XML of a user's message or event, signs the URL
// (SHA-1 over token, timestamp, nonce), encrypts in safe mode (AES-256-CBC, msg_signature) and reads the
// passive reply, decrypting and checking its signature. Written with node:crypto, independently of Mingbai's
// Web Crypto code, so each checks the other.

export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export interface SenderOptions {
  fetcher: Fetcher;
  path?: string;
  token: string;
  appId: string;
  /** The account's original id (ToUserName). */
  originalId: string;
  /** Set: safe mode. */
  encodingAesKey?: string;
  /** Told about each message, as WeChat would know it (follow, 48-hour window). */
  simulator?: OfficialAccountSimulator;
  /** Seconds since the epoch for timestamps and CreateTime (Mingbai's clock in tests). */
  now?: () => number;
}

export interface SignedRequest {
  query: Record<string, string>;
  body: string;
}

export interface WebhookAnswer {
  status: number;
  /** The raw response body. */
  body: string;
  /** The passive reply's fields (decrypted in safe mode), or null for "success"/empty. */
  reply: Record<string, string> | null;
  request: SignedRequest;
}

let msgIdCounter = 24_000_000_000_000_000n;

export function sha1Signature(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

function cdata(value: string) {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function messageXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([name, value]) =>
      typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}>${cdata(value)}</${name}>`,
    )
    .join('');
  return `<xml>${inner}</xml>`;
}

export function encryptForWechat(encodingAesKey: string, appId: string, xml: string): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const message = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export function decryptFromWechat(encodingAesKey: string, encrypted: string): { xml: string; appId: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  const body = plain.subarray(0, plain.length - pad);
  const length = body.readUInt32BE(16);
  return {
    xml: body.subarray(20, 20 + length).toString('utf8'),
    appId: body.subarray(20 + length).toString('utf8'),
  };
}

/** The flat fields of a reply, read with a regular expression (the simulator does not share Mingbai's parser). */
export function replyFields(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of xml.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) {
    fields[match[1]!] = match[2] ?? match[3] ?? '';
  }
  return fields;
}

/** One WeChat user writing to the account through the webhook. */
export class SimulatedFollower {
  constructor(
    readonly openId: string,
    private readonly options: SenderOptions,
  ) {}

  private now() {
    return this.options.now ? this.options.now() : Math.floor(Date.now() / 1000);
  }

  /** The signed query and body WeChat would send for these message fields. */
  sign(
    fields: Record<string, string | number>,
    overrides: Partial<Record<string, string>> = {},
  ): SignedRequest {
    const timestamp = overrides.timestamp ?? String(this.now());
    const nonce = overrides.nonce ?? randomBytes(8).toString('hex');
    const { token, appId, encodingAesKey } = this.options;
    const query: Record<string, string> = {
      signature: sha1Signature([token, timestamp, nonce]),
      timestamp,
      nonce,
      openid: this.openId,
    };
    let body = messageXml(fields);
    if (encodingAesKey) {
      const encrypted = encryptForWechat(encodingAesKey, appId, body);
      query.encrypt_type = 'aes';
      query.msg_signature = sha1Signature([token, timestamp, nonce, encrypted]);
      body = messageXml({ ToUserName: this.options.originalId, Encrypt: encrypted });
    }
    return { query: { ...query, ...stripUndefined(overrides) }, body };
  }

  /** Sends a signed request (or a tampered copy of one) and reads the answer. */
  async deliver(request: SignedRequest): Promise<WebhookAnswer> {
    const path = `${this.options.path ?? '/webhook/wechat'}?${new URLSearchParams(request.query)}`;
    const response = await this.options.fetcher(path, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });
    const body = await response.text();
    return { status: response.status, body, reply: this.readReply(body, request), request };
  }

  private readReply(body: string, request: SignedRequest): Record<string, string> | null {
    if (!body.startsWith('<xml>')) return null;
    const outer = replyFields(body);
    const { encodingAesKey, token, appId } = this.options;
    if (!encodingAesKey) return outer;
    const encrypted = outer.Encrypt ?? '';
    const expected = sha1Signature([token, outer.TimeStamp ?? '', outer.Nonce ?? '', encrypted]);
    if (outer.MsgSignature !== expected) throw new Error('the reply is not signed correctly');
    const { xml, appId: from } = decryptFromWechat(encodingAesKey, encrypted);
    if (from !== appId) throw new Error(`the reply names AppID ${from}`);
    if (outer.TimeStamp !== request.query.timestamp) throw new Error('the reply has another timestamp');
    return replyFields(xml);
  }

  private base(type: string) {
    return {
      ToUserName: this.options.originalId,
      FromUserName: this.openId,
      CreateTime: this.now(),
      MsgType: type,
    };
  }

  private async message(fields: Record<string, string | number>): Promise<WebhookAnswer> {
    this.options.simulator?.userWrote(this.openId);
    return this.deliver(this.sign(fields));
  }

  textFields(content: string) {
    msgIdCounter += 1n;
    return { ...this.base('text'), Content: content, MsgId: msgIdCounter.toString() };
  }

  text(content: string) {
    return this.message(this.textFields(content));
  }

  /** The photo is stored in the simulator's media store first, as WeChat does with a user's image. */
  image(bytes: Uint8Array, contentType = 'image/jpeg') {
    const simulator = this.options.simulator;
    if (!simulator) throw new Error('an image needs the simulator to hold its media');
    const mediaId = simulator.addMedia(bytes, contentType);
    msgIdCounter += 1n;
    return this.message({
      ...this.base('image'),
      PicUrl: `${simulator.baseUrl}/mmbiz/${mediaId}`,
      MediaId: mediaId,
      MsgId: msgIdCounter.toString(),
    });
  }

  subscribe() {
    this.options.simulator?.follow(this.openId);
    return this.message({ ...this.base('event'), Event: 'subscribe' });
  }

  unsubscribe() {
    this.options.simulator?.unfollow(this.openId);
    return this.deliver(this.sign({ ...this.base('event'), Event: 'unsubscribe' }));
  }

  click(key: string) {
    return this.message({ ...this.base('event'), Event: 'CLICK', EventKey: key });
  }

  voice() {
    msgIdCounter += 1n;
    return this.message({
      ...this.base('voice'),
      MediaId: 'VOICE1',
      Format: 'amr',
      MsgId: msgIdCounter.toString(),
    });
  }
}

function stripUndefined(values: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** WeChat's URL check (GET with echostr), signed or tampered. */
export function verificationQuery(token: string, timestamp: string, nonce: string, echostr: string) {
  return new URLSearchParams({
    signature: sha1Signature([token, timestamp, nonce]),
    timestamp,
    nonce,
    echostr,
  });
}

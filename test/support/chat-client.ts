import type { InboundEvent, OutboundMessage } from '../../src/conversation/messages.js';

/** A 1×1 PNG: the smallest real image, for upload round trips. */
export const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);

export interface ChatReply {
  conversationId: string;
  locale: string;
  messages: OutboundMessage[];
}

/** Talks to /api/chat exactly as the web page does. `fetcher` is real HTTP or the app's in-process `request`. */
export class ChatClient {
  conversationId = '';
  token = '';

  constructor(private readonly fetcher: (path: string, init?: RequestInit) => Promise<Response>) {}

  async start(locale?: string): Promise<ChatReply> {
    const response = await this.fetcher('/api/chat/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(locale ? { locale } : {}),
    });
    if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as ChatReply & { token: string };
    this.conversationId = body.conversationId;
    this.token = body.token;
    return body;
  }

  async send(event: Extract<InboundEvent, { type: 'text' | 'choice' }>): Promise<ChatReply> {
    const response = await this.raw(`/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    if (response.status !== 200) throw new Error(`send failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as ChatReply;
  }

  text(text: string) {
    return this.send({ type: 'text', text });
  }

  choose(value: string) {
    return this.send({ type: 'choice', value });
  }

  upload(bytes: Uint8Array<ArrayBuffer>, type = 'image/png', name = 'photo.png') {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    return this.raw('/images', { method: 'POST', body: form });
  }

  async history(): Promise<{ seq: number; direction: string; payload: unknown }[]> {
    const response = await this.raw('/messages');
    return ((await response.json()) as { messages: { seq: number; direction: string; payload: unknown }[] })
      .messages;
  }

  /** A request under this conversation with its token. */
  raw(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return this.fetcher(`/api/chat/conversations/${this.conversationId}${path}`, { ...init, headers });
  }
}

export function lastText(reply: ChatReply): string {
  const last = reply.messages.at(-1);
  return last && 'text' in last ? last.text : '';
}

export function allText(reply: ChatReply): string {
  return reply.messages.map((message) => ('text' in message ? message.text : '')).join('\n');
}

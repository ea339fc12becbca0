import type { AtomicStatement } from '../platform/ports.js';

export type DeliveryChannel = 'web' | 'line' | 'wechat';

/** An outbox row as a sender sees it. `payload` is OutboundMessage[] as JSON, already in the recipient's language. */
export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  channel: DeliveryChannel;
  address: string;
  payload: string;
}

export type SendOutcome =
  /** Handed to the platform, which will deliver it (LINE push accepted). */
  | { status: 'sent' }
  /** In the recipient's own inbox (web chat: written into their conversation). */
  | { status: 'delivered' }
  /** Will never work (blocked the bot, unknown user): recorded with the reason, not retried. */
  | { status: 'failed'; reason: string }
  /** Try again later (rate limited, platform down): the row stays queued and the job is retried with backoff. */
  | { status: 'retry'; reason: string };

export interface SendResult {
  /**
   * Writes to commit in the same atomic write that moves the rows out of `queued` (the web chat's messages):
   * each must only touch rows still queued, so a page delivered twice writes once.
   */
  statements: AtomicStatement[];
  outcomes: ReadonlyMap<string, SendOutcome>;
}

/**
 * One messaging channel. LINE and WeChat senders call their platform in `send` (with the outbox id as the
 * platform's retry key, so a retried page never doubles); the web chat sender only returns statements.
 */
export interface ChannelSender {
  readonly channel: DeliveryChannel;
  /** Most messages per send() call. */
  readonly batchSize: number;
  send(messages: readonly OutboxMessage[]): Promise<SendResult>;
}

import type { LocalizedText } from '../catalog-schema.js';

/** A translatable message: a locale key plus parameters, rendered later in any locale. */
export interface MessageRef {
  key: string;
  params?: Record<string, MessageParam>;
}

/** Parameters may be plain values, catalogue text in three locales, or nested messages (lists are joined). */
export type MessageParam = string | number | LocalizedText | MessageRef | readonly MessageRef[];

export type ReasonOutcome = 'met' | 'failed' | 'unknown' | 'assumed' | 'info';

export interface Reason extends MessageRef {
  outcome: ReasonOutcome;
}

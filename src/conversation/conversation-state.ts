import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';

// Conversation state is stored as JSON with a schema version. Old versions are migrated when read,
// so a conversation saved before a deploy continues after it. Add a version, never change an old one.

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Vars = Record<string, JsonValue>;

const vars = z.record(z.string(), jsonValue);

/** Version 1 (first release): where the user is in which flow, and their answers so far. */
const stateV1 = z.object({
  v: z.literal(1),
  locale: z.enum(LOCALES),
  flow: z.string(),
  step: z.string(),
  vars,
  updatedAt: z.number(),
});

const frame = z.object({
  flow: z.string(),
  step: z.string(),
  vars,
  /** Earlier questions of this flow, for 返回/back. */
  history: z.array(z.object({ step: z.string(), vars })),
});

/** Version 2: adds the back stack, interrupted flows (e.g. a language change mid-form) and idle handling. */
const stateV2 = frame.extend({
  v: z.literal(2),
  locale: z.enum(LOCALES),
  /** Flows interrupted by another one; the newest last. */
  returnTo: z.array(frame),
  lastActivityAt: z.number(),
  /** Set after a long pause: the user was asked whether to continue where they left off. */
  resumePending: z.boolean(),
});

export type ConversationState = z.infer<typeof stateV2>;

const storedState = z.discriminatedUnion('v', [stateV1, stateV2]);

function migrate(state: z.infer<typeof storedState>): ConversationState {
  switch (state.v) {
    case 1:
      return {
        v: 2,
        locale: state.locale,
        flow: state.flow,
        step: state.step,
        vars: state.vars,
        history: [],
        returnTo: [],
        lastActivityAt: state.updatedAt,
        resumePending: false,
      };
    case 2:
      return state;
  }
}

// A turn reads back the state the conversation's previous turn wrote, and validating it (the recursive `vars`
// schema above, about 25 µs a read) was the costliest part of reading a conversation. So the last states
// written are kept by their JSON text, as JSON.parse reads that text back: a state this code wrote from a
// ConversationState is one. States read are kept too. They are frozen, so no reader can change another's.
const recentStates = new Map<string, ConversationState>();
const RECENT_STATES_MAX = 1_000;

function remember(json: string, state: ConversationState): ConversationState {
  if (recentStates.size >= RECENT_STATES_MAX) recentStates.delete(recentStates.keys().next().value ?? '');
  recentStates.set(json, deepFreeze(state));
  return state;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Reads stored JSON of any known version. Unreadable state yields null so the caller can start afresh. */
export function readState(json: string): ConversationState | null {
  const known = recentStates.get(json);
  if (known) return known;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = storedState.safeParse(raw);
  return parsed.success ? remember(json, migrate(parsed.data)) : null;
}

/** The JSON stored for a state, kept for the next read of that text. */
export function writeState(state: ConversationState): string {
  const json = JSON.stringify(state);
  remember(json, JSON.parse(json) as ConversationState);
  return json;
}

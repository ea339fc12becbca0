import * as z from 'zod';

/**
 * Flows are data (flows/*.json). A step's `next` is a step id in the same flow, `@flowId` to start another
 * flow, or absent to end the flow (the user goes back to where they came from, or to the menu).
 */
const target = z.string().regex(/^@?[a-z][a-z0-9_]*$/, 'a step id or @flow id');
const localeKey = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'a locale key');
const varName = z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'a variable name');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const TEXT_VALIDATOR_NAMES = [
  'free_text',
  'short_text',
  'phone',
  'number',
  'binding_code',
  'resident_id',
] as const;
export type TextValidatorName = (typeof TEXT_VALIDATOR_NAMES)[number];

const say = z.object({
  type: z.literal('say'),
  text: localeKey,
  link: z.object({ url: z.string().min(1), label: localeKey }).optional(),
  next: target.optional(),
});

const askText = z.object({
  type: z.literal('ask_text'),
  prompt: localeKey,
  var: varName,
  validate: z.enum(TEXT_VALIDATOR_NAMES).default('free_text'),
  next: target.optional(),
});

const choiceOption = z.object({ value: z.string().min(1), label: localeKey, next: target.optional() });

const askChoice = z.object({
  type: z.literal('ask_choice'),
  prompt: localeKey,
  var: varName,
  options: z.array(choiceOption).default([]),
  /** A variable an action filled with `[{ value, label }]` (e.g. a parent's children), offered after `options`. */
  optionsFrom: varName.optional(),
  /**
   * Vocabularies in flows/option-words.json whose words also pick an option ("初二" → 初中), besides the
   * options' labels in every locale and their numbers.
   */
  vocabulary: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
  /** Several options may be named at once ("低保，单亲"); the var holds a list of values. */
  multiple: z.boolean().default(false),
  /**
   * Typed text that picks no option: `retry` asks again with the options numbered; `questions` answers it
   * when it is a question ("什么是低保？") and then asks again, and asks again with the options numbered
   * otherwise; `ask` answers anything as a question (the menu, where asking is the point).
   */
  freeText: z.enum(['retry', 'questions', 'ask']).default('retry'),
  next: target.optional(),
});

const askPhoto = z.object({
  type: z.literal('ask_photo'),
  prompt: localeKey,
  var: varName,
  optional: z.boolean().default(false),
  /**
   * A document photo for an application: the channel runs it through the document pipeline (type by content,
   * metadata stripped, size limit) before anything is stored, and refuses it with a message otherwise.
   */
  document: z.boolean().optional(),
  next: target.optional(),
});

const askDate = z.object({
  type: z.literal('ask_date'),
  prompt: localeKey,
  var: varName,
  next: target.optional(),
});

const confirm = z.object({
  type: z.literal('confirm'),
  prompt: localeKey,
  var: varName.optional(),
  yes: target.optional(),
  no: target.optional(),
});

const condition = z.object({
  var: varName,
  equals: scalar.optional(),
  in: z.array(scalar).optional(),
  exists: z.boolean().optional(),
});

const branch = z.object({
  type: z.literal('branch'),
  cases: z.array(z.object({ when: condition, next: target.optional() })).min(1),
  otherwise: target.optional(),
});

const call = z.object({
  type: z.literal('call'),
  action: z.string().regex(/^[a-z][a-z0-9_]*$/),
  next: target.optional(),
  onError: target.optional(),
});

export const stepSchema = z.discriminatedUnion('type', [
  say,
  askText,
  askChoice,
  askPhoto,
  askDate,
  confirm,
  branch,
  call,
]);

export const flowSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Shown when the user comes back to an unfinished flow ("we were in the middle of …"). */
  title: localeKey,
  start: z.string(),
  steps: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), stepSchema),
});

export type Step = z.infer<typeof stepSchema>;
export type Flow = z.infer<typeof flowSchema>;
export type Condition = z.infer<typeof condition>;
export type AskStep = Extract<
  Step,
  { type: 'ask_text' | 'ask_choice' | 'ask_photo' | 'ask_date' | 'confirm' }
>;

export function isAskStep(step: Step): step is AskStep {
  return (
    step.type === 'ask_text' ||
    step.type === 'ask_choice' ||
    step.type === 'ask_photo' ||
    step.type === 'ask_date' ||
    step.type === 'confirm'
  );
}

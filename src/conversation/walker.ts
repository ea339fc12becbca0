import type { Locale } from '../i18n/index.js';
import type { ConversationState, Vars } from './conversation-state.js';
import { type Condition, isAskStep, type Step } from './flow-schema.js';
import { type GlobalCommand, matchGlobalCommand } from './global-commands.js';
import { type InboundEvent, MAX_TEXT_CHARS, type MessageSpec, type OutboundMessage } from './messages.js';
import { choiceOptions, parseReply } from './reply-validators.js';
import type { FlowSet } from './validate-flows.js';
import { paramsFrom, promptFor, resumeQuestion, welcomeBack } from './walker-prompts.js';

// The pure heart of the conversation engine: (state, event) -> (new state, messages, maybe an action to run).
// No I/O and no clock of its own, so every path is unit-testable and replayable.

export interface WalkContext {
  flows: FlowSet;
  now: number;
  idleTimeoutMs: number;
}

/** A `call` step (or a free-text question) the engine must run before the walk can go on. */
export interface ActionRequest {
  name: string;
  vars: Vars;
  /** After the action: continue to the call step's next step, or ask the current question again. */
  resume: 'next' | 'reprompt';
}

export interface WalkResult {
  state: ConversationState;
  messages: MessageSpec[];
  action?: ActionRequest;
}

export type ActionOutcome =
  | { ok: true; vars?: Vars; messages?: OutboundMessage[]; locale?: Locale; next?: string }
  | { ok: false; errorKey: string; messages?: OutboundMessage[] };

export const HOME_FLOW = 'menu';
const MAX_STEPS_PER_WALK = 100;

export function startConversation(context: WalkContext, locale: Locale): WalkResult {
  const state: ConversationState = {
    v: 2,
    locale,
    flow: HOME_FLOW,
    step: '',
    vars: {},
    history: [],
    returnTo: [],
    lastActivityAt: context.now,
    resumePending: false,
  };
  return enterFlow(context, state, HOME_FLOW, [{ type: 'text', key: 'chat.greeting' }]);
}

export function handleEvent(
  context: WalkContext,
  previous: ConversationState,
  event: InboundEvent,
): WalkResult {
  const wasIdle = context.now - previous.lastActivityAt > context.idleTimeoutMs;
  const state: ConversationState = { ...previous, lastActivityAt: context.now };

  if (event.type === 'text' && [...event.text].length > MAX_TEXT_CHARS) {
    const count = [...event.text].length;
    const refused: MessageSpec = {
      type: 'text',
      key: 'validation.message_too_long',
      params: { count, max: MAX_TEXT_CHARS },
    };
    return state.resumePending
      ? { state, messages: [refused, resumeQuestion(context.flows, state)] }
      : prompt(context, state, [refused]);
  }

  const command = matchGlobalCommand(event);
  if (command) return runCommand(context, { ...state, resumePending: false }, command);
  if (event.type === 'follow') return startConversation(context, state.locale);

  if (!state.resumePending && wasIdle && isMidFlow(state)) {
    // A tap on the open question's button or a typed answer that picks one of its options is kept, not
    // thrown away for a "welcome back" question: the walk goes on from it. Free text ("你好") could be
    // anything, so a free-text step asks first.
    if (takesReply(context, state, event)) {
      const walked = answer(context, state, event);
      return { ...walked, messages: [welcomeBack(context.flows, state), ...walked.messages] };
    }
    return { state: { ...state, resumePending: true }, messages: [resumeQuestion(context.flows, state)] };
  }
  if (state.resumePending) {
    const resumed = { ...state, resumePending: false };
    if (event.type === 'choice' && event.value === 'resume:continue') return prompt(context, resumed, []);
    if (event.type === 'choice' && event.value === 'resume:restart')
      return enterFlow(context, resumed, resumed.flow, []);
    // Anything else is taken as an answer to the question they left open.
    return answer(context, resumed, event);
  }
  return answer(context, state, event);
}

/** Whether the open question would take this reply (as its answer, or as a question it answers). */
function takesReply(context: WalkContext, state: ConversationState, event: InboundEvent): boolean {
  const step = currentStep(context, state);
  if (!step || !isAskStep(step) || step.type === 'ask_text') return false;
  const reply = parseReply(step, event, state.vars, context.now);
  if (reply.ok) return true;
  return step.type === 'ask_choice' && questionIsAnswered(step, event, reply);
}

/** A choice step answers typed text as a question when its `freeText` says so. */
function questionIsAnswered(
  step: Extract<Step, { type: 'ask_choice' }>,
  event: InboundEvent,
  reply: Extract<ReturnType<typeof parseReply>, { ok: false }>,
): boolean {
  if (event.type !== 'text' || !event.text.trim()) return false;
  if (step.freeText === 'ask') return true;
  return step.freeText === 'questions' && reply.question === true;
}

export function resumeAfterAction(
  context: WalkContext,
  previous: ConversationState,
  request: ActionRequest,
  outcome: ActionOutcome,
): WalkResult {
  const messages: MessageSpec[] = (outcome.messages ?? []).map((message) => ({ type: 'rendered', message }));
  let state = outcome.ok && outcome.locale ? { ...previous, locale: outcome.locale } : previous;
  if (request.resume === 'reprompt') return prompt(context, state, messages);

  const step = currentStep(context, state);
  const next = step?.type === 'call' ? step : undefined;
  if (!outcome.ok) {
    messages.push({ type: 'text', key: outcome.errorKey });
    return goTo(context, state, next?.onError, messages);
  }
  state = { ...state, vars: { ...state.vars, ...outcome.vars } };
  return goTo(context, state, outcome.next ?? next?.next, messages);
}

function answer(context: WalkContext, state: ConversationState, event: InboundEvent): WalkResult {
  const step = currentStep(context, state);
  if (!step || !isAskStep(step)) {
    // The flow changed under a stored conversation (a deploy removed the step): start the user at home.
    return enterFlow(context, { ...state, returnTo: [] }, HOME_FLOW, [
      { type: 'text', key: 'chat.lost_place' },
    ]);
  }
  const reply = parseReply(step, event, state.vars, context.now);
  if (!reply.ok) {
    if (step.type === 'ask_choice' && event.type === 'text' && questionIsAnswered(step, event, reply)) {
      return {
        state,
        messages: [],
        action: { name: 'answer_question', vars: { question: event.text }, resume: 'reprompt' },
      };
    }
    const reason: MessageSpec = { type: 'text', key: reply.reason };
    // Typed text that matched nothing: show the options with their numbers, which can be typed.
    return step.type === 'ask_choice' && event.type === 'text'
      ? { state, messages: [reason, promptFor(step, state, { numbered: true })] }
      : prompt(context, state, [reason]);
  }
  // An option that stands for a command ("返回主菜单" → cmd:menu) does what its button does.
  const command =
    typeof reply.value === 'string' ? matchGlobalCommand({ type: 'choice', value: reply.value }) : null;
  if (command) return runCommand(context, { ...state, resumePending: false }, command);
  const answered: ConversationState = {
    ...state,
    vars: 'var' in step && step.var ? { ...state.vars, [step.var]: reply.value } : state.vars,
    history: [...state.history, { step: state.step, vars: state.vars }],
  };
  const said: MessageSpec[] = [];
  if (step.type === 'ask_choice' && step.freeText !== 'ask' && event.type === 'text') {
    const values = Array.isArray(reply.value) ? reply.value : [reply.value];
    const options = choiceOptions(step, state.vars).filter((option) => values.includes(option.value));
    said.push({
      type: 'understood',
      options: options.map(({ value, labelKey, label }) => ({ value, labelKey, label })),
    });
  }
  const next = step.type === 'confirm' ? reply.next : (reply.next ?? step.next);
  return goTo(context, answered, next, said);
}

function runCommand(context: WalkContext, state: ConversationState, command: GlobalCommand): WalkResult {
  switch (command) {
    case 'menu':
      return enterFlow(context, { ...state, returnTo: [] }, HOME_FLOW, []);
    case 'cancel':
      return enterFlow(context, { ...state, returnTo: [] }, HOME_FLOW, [
        { type: 'text', key: 'chat.cancelled' },
      ]);
    case 'restart':
      return enterFlow(context, state, state.flow, [{ type: 'text', key: 'chat.restarted' }]);
    case 'back': {
      const previous = state.history.at(-1);
      if (!previous) return prompt(context, state, [{ type: 'text', key: 'chat.back_at_start' }]);
      return prompt(context, { ...state, ...previous, history: state.history.slice(0, -1) }, []);
    }
    case 'bind':
      return enterFlow(context, { ...state, returnTo: [] }, 'bind', []);
    case 'contact': {
      // Leaving a message interrupts what the parent was doing; the walk comes back to it afterwards.
      if (state.flow === 'contact') return prompt(context, state, []);
      const frame = { flow: state.flow, step: state.step, vars: state.vars, history: state.history };
      const returnTo = state.flow === HOME_FLOW ? [] : [...state.returnTo, frame];
      return enterFlow(context, { ...state, returnTo }, 'contact', []);
    }
    case 'language': {
      if (state.flow === 'language') return prompt(context, state, []);
      const frame = { flow: state.flow, step: state.step, vars: state.vars, history: state.history };
      return enterFlow(context, { ...state, returnTo: [...state.returnTo, frame] }, 'language', []);
    }
  }
}

function goTo(
  context: WalkContext,
  state: ConversationState,
  target: string | undefined,
  messages: MessageSpec[],
) {
  if (target === undefined) return finishFlow(context, state, messages);
  if (target.startsWith('@')) return enterFlow(context, state, target.slice(1), messages);
  return runSteps(context, { ...state, step: target }, messages);
}

function enterFlow(context: WalkContext, state: ConversationState, flowId: string, messages: MessageSpec[]) {
  const flow = context.flows.get(flowId) ?? context.flows.get(HOME_FLOW);
  if (!flow) throw new Error(`no "${HOME_FLOW}" flow is loaded`);
  return runSteps(context, { ...state, flow: flow.id, step: flow.start, vars: {}, history: [] }, messages);
}

function finishFlow(context: WalkContext, state: ConversationState, messages: MessageSpec[]): WalkResult {
  const interrupted = state.returnTo.at(-1);
  if (interrupted)
    return prompt(context, { ...state, ...interrupted, returnTo: state.returnTo.slice(0, -1) }, messages);
  return enterFlow(context, state, HOME_FLOW, messages);
}

/** Walks steps that need no input (say, branch) until one asks something or calls an action. */
function runSteps(context: WalkContext, start: ConversationState, messages: MessageSpec[]): WalkResult {
  let state = start;
  for (let walked = 0; walked < MAX_STEPS_PER_WALK; walked++) {
    const step = currentStep(context, state);
    if (!step) {
      if (state.flow === HOME_FLOW) throw new Error(`menu flow has no step "${state.step}"`);
      return enterFlow(context, state, HOME_FLOW, [...messages, { type: 'text', key: 'chat.lost_place' }]);
    }
    if (isAskStep(step)) {
      messages.push(promptFor(step, state));
      return { state, messages };
    }
    if (step.type === 'call')
      return { state, messages, action: { name: step.action, vars: state.vars, resume: 'next' } };
    let next: string | undefined;
    if (step.type === 'say') {
      const params = paramsFrom(state.vars);
      messages.push(
        step.link
          ? { type: 'link', key: step.text, params, url: step.link.url, labelKey: step.link.label }
          : { type: 'text', key: step.text, params },
      );
      next = step.next;
    } else {
      next = step.cases.find((item) => matches(item.when, state.vars))?.next ?? step.otherwise;
    }
    if (next === undefined || next.startsWith('@')) return goTo(context, state, next, messages);
    state = { ...state, step: next };
  }
  throw new Error(`flow ${state.flow} walked ${MAX_STEPS_PER_WALK} steps without asking anything`);
}

function prompt(context: WalkContext, state: ConversationState, messages: MessageSpec[]): WalkResult {
  const step = currentStep(context, state);
  if (!step || !isAskStep(step)) return runSteps(context, state, messages);
  messages.push(promptFor(step, state));
  return { state, messages };
}

function isMidFlow(state: ConversationState): boolean {
  return state.flow !== HOME_FLOW || state.returnTo.length > 0 || state.history.length > 0;
}

function currentStep(context: WalkContext, state: ConversationState): Step | undefined {
  return context.flows.get(state.flow)?.steps[state.step];
}

function matches(condition: Condition, vars: Vars): boolean {
  const value = vars[condition.var];
  if (condition.exists !== undefined && (value !== undefined && value !== null) !== condition.exists)
    return false;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.in !== undefined && !condition.in.some((item) => item === value)) return false;
  return true;
}

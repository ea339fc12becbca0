import { type Flow, flowSchema, type Step } from './flow-schema.js';
import { OPTION_WORDS, vocabularyWords } from './option-words.js';

export interface FlowCheckContext {
  hasMessage: (key: string) => boolean;
  actionNames: readonly string[];
}

export type FlowSet = ReadonlyMap<string, Flow>;

/**
 * Parses raw flow documents and checks what a schema alone cannot: every `next` lands somewhere,
 * every locale key exists in all locales, every action is registered. Returns problems instead of throwing
 * so a test can list them all.
 */
export function validateFlows(
  documents: readonly unknown[],
  context: FlowCheckContext,
): { flows: FlowSet; problems: string[] } {
  const problems: string[] = [];
  const flows = new Map<string, Flow>();
  for (const [index, document] of documents.entries()) {
    const parsed = flowSchema.safeParse(document);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`flow #${index}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (flows.has(parsed.data.id)) problems.push(`flow ${parsed.data.id}: defined twice`);
    flows.set(parsed.data.id, parsed.data);
  }
  if (!flows.has('menu')) problems.push('there is no "menu" flow (the home every conversation returns to)');

  for (const flow of flows.values()) {
    const where = (stepId: string) => `flow ${flow.id}, step ${stepId}`;
    const checkTarget = (stepId: string, target: string | undefined) => {
      if (target === undefined) return;
      const ok = target.startsWith('@') ? flows.has(target.slice(1)) : target in flow.steps;
      if (!ok) problems.push(`${where(stepId)}: next "${target}" does not exist`);
    };
    const checkKey = (stepId: string, key: string) => {
      if (!context.hasMessage(key))
        problems.push(`${where(stepId)}: locale key "${key}" is missing in some locale`);
    };
    if (!(flow.start in flow.steps))
      problems.push(`flow ${flow.id}: start step "${flow.start}" does not exist`);
    checkKey('(title)', flow.title);
    for (const [stepId, step] of Object.entries(flow.steps)) {
      for (const key of localeKeysOf(step)) checkKey(stepId, key);
      for (const target of targetsOf(step)) checkTarget(stepId, target);
      if (step.type === 'ask_choice' && step.options.length === 0 && !step.optionsFrom) {
        problems.push(`${where(stepId)}: a choice needs options or optionsFrom`);
      }
      if (step.type === 'ask_choice')
        problems.push(...vocabularyProblems(step).map((p) => `${where(stepId)}: ${p}`));
      if (step.type === 'call' && !context.actionNames.includes(step.action)) {
        problems.push(`${where(stepId)}: action "${step.action}" is not registered`);
      }
    }
  }
  return { flows, problems };
}

/**
 * A step's vocabularies must exist, name only its options (a misspelt value would be dead data), and never give
 * one word to two options (the reply would be read as whichever came first).
 */
function vocabularyProblems(step: Extract<Step, { type: 'ask_choice' }>): string[] {
  const problems: string[] = [];
  const values = new Set(step.options.map((option) => option.value));
  const owner = new Map<string, string>();
  for (const name of step.vocabulary) {
    const vocabulary = OPTION_WORDS.vocabularies[name];
    if (!vocabulary) {
      problems.push(`vocabulary "${name}" is not in flows/option-words.json`);
      continue;
    }
    for (const value of Object.keys(vocabulary)) {
      if (!values.has(value) && !step.optionsFrom) {
        problems.push(`vocabulary "${name}" has words for "${value}", which is not an option`);
        continue;
      }
      for (const word of vocabularyWords(name, value)) {
        const earlier = owner.get(word.core);
        if (earlier !== undefined && earlier !== value)
          problems.push(`"${word.core}" picks both "${earlier}" and "${value}"`);
        owner.set(word.core, value);
      }
    }
  }
  return problems;
}

function localeKeysOf(step: Step): string[] {
  switch (step.type) {
    case 'say':
      return step.link ? [step.text, step.link.label] : [step.text];
    case 'ask_choice':
      return [step.prompt, ...step.options.map((option) => option.label)];
    case 'ask_text':
    case 'ask_photo':
    case 'ask_date':
    case 'confirm':
      return [step.prompt];
    case 'branch':
    case 'call':
      return [];
  }
}

function targetsOf(step: Step): (string | undefined)[] {
  switch (step.type) {
    case 'ask_choice':
      return [step.next, ...step.options.map((option) => option.next)];
    case 'confirm':
      return [step.yes, step.no];
    case 'branch':
      return [...step.cases.map((item) => item.next), step.otherwise];
    case 'call':
      return [step.next, step.onError];
    default:
      return [step.next];
  }
}

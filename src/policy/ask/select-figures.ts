import type { AmountRule, Condition, DatedValue, Programme } from '../catalog-schema.js';
import { isWithin } from '../eligibility/date-key.js';
import { latestKnownValue, valueInForce } from '../eligibility/dated-value.js';
import type { QuestionFacts } from './extract-facts.js';

export interface FigureChoice {
  rule: AmountRule;
  shown: DatedValue;
  /** False when nothing is in force on the date and `shown` is the latest known figure. */
  inForce: boolean;
}

export interface FigureSelection {
  figures: FigureChoice[];
  /** The question's facts ruled out some of the programme's figures. */
  narrowed: boolean;
}

type Outcome = 'met' | 'failed' | 'unknown';

/** What the question's facts say about one amount condition; anything they do not mention is unknown. */
function conditionOutcome(condition: Condition, facts: QuestionFacts, dateKey: string): Outcome {
  switch (condition.type) {
    case 'stage':
      return facts.stage === undefined ? 'unknown' : condition.in.includes(facts.stage) ? 'met' : 'failed';
    case 'residence':
      return facts.residence === undefined
        ? 'unknown'
        : condition.in.includes(facts.residence)
          ? 'met'
          : 'failed';
    case 'flag':
      if (condition.field !== 'boarding' || facts.boarding === undefined) return 'unknown';
      return facts.boarding === condition.equals ? 'met' : 'failed';
    case 'category':
      // A category the parent did not mention is not known to be absent.
      return condition.anyOf.some((category) => facts.categories.includes(category)) ? 'met' : 'unknown';
    case 'period':
      return isWithin(dateKey, condition.from, condition.to) ? 'met' : 'failed';
    default:
      return 'unknown';
  }
}

function ruleOutcome(rule: AmountRule, facts: QuestionFacts, dateKey: string): Outcome {
  let outcome: Outcome = 'met';
  for (const condition of rule.when) {
    const one = conditionOutcome(condition, facts, dateKey);
    if (one === 'failed') return 'failed';
    if (one === 'unknown') outcome = 'unknown';
  }
  return outcome;
}

/**
 * The figures a question is about: like the eligibility engine, the first rule the facts certainly meet wins,
 * rules that might apply are kept as alternatives, and rules the facts contradict are dropped.
 */
export function selectFigures(programme: Programme, facts: QuestionFacts, dateKey: string): FigureSelection {
  const figures: FigureChoice[] = [];
  let known = 0;
  for (const rule of programme.amounts) {
    const inForce = valueInForce(rule.values, dateKey);
    const shown = inForce ?? latestKnownValue(rule.values, dateKey);
    if (!shown) continue;
    known++;
    const outcome = ruleOutcome(rule, facts, dateKey);
    if (outcome === 'failed') continue;
    figures.push({ rule, shown, inForce: inForce !== undefined });
    if (outcome === 'met') break;
  }
  // Facts that contradict every figure say nothing useful: show them all rather than none.
  if (figures.length === 0)
    return {
      figures: selectFigures(programme, { categories: [], rest: '' }, dateKey).figures,
      narrowed: false,
    };
  return { figures, narrowed: figures.length < known };
}

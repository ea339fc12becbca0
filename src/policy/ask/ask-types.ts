import type { Locale } from '../../i18n/index.js';
import type { CategoryId, Residence, StageId, Verification } from '../catalog-schema.js';
import type { SourcesView } from '../render/describe-sources.js';
import type { SmallTalkKind } from './knowledge-base.js';

export interface AskOptions {
  locale: Locale;
  /** Which catalogue answers programme questions; the engine's default otherwise. */
  catalogId?: string;
  /** The county 资助中心 number for this deployment (12309 is refused). */
  hotline?: string;
  /** Date whose figures are quoted; today by default. */
  asOf?: Date | string;
}

export type AskConfidence = 'high' | 'medium' | 'low';

export interface AskCitation {
  documentId: string;
  title: string;
  number?: string;
  issuer: string;
  /** Publication date as the catalogue knows it: YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string;
  clause?: string;
  verification: Verification;
}

export interface AskSuggestion {
  kind: 'eligibility_check' | 'contact_officer' | 'programme' | 'faq';
  /** Programme or FAQ id for programme/faq suggestions. */
  id?: string;
  label: string;
}

/** What the answer is: a programme, a glossary or FAQ entry, a stage overview, another body's programme, small talk. */
export type AskMatch =
  | { kind: 'programme' | 'glossary' | 'faq'; id: string }
  | { kind: 'overview'; id: StageId }
  | { kind: 'out_of_scope'; id: string }
  | { kind: 'small_talk'; id: SmallTalkKind };

/** A figure the answer quotes. */
export interface AskFigure {
  /** The rule's label, such as 初中寄宿生. */
  label: string;
  text: string;
  /** Yuan for money figures (the average for tiers); absent for waivers, meals and the like. */
  yuan?: number;
  effectiveFrom: string;
  inForce: boolean;
  verification: Verification;
}

/** Facts the question stated about the child. */
export interface AskFacts {
  stage?: StageId;
  boarding?: boolean;
  residence?: Residence;
  categories: CategoryId[];
}

export interface AskResult {
  answer: string;
  /** Programmes the answer is about, best first. */
  programIds: string[];
  /** What the answer is about; the kinds beyond programme/glossary/faq were added later, expect more. */
  topMatch: AskMatch | undefined;
  /** What the question asked for. */
  intent: 'general' | 'amount' | 'how_to_apply' | 'definition';
  facts: AskFacts;
  /** The figures the answer quotes: only the ones that apply when the question's facts decide it. */
  figures: AskFigure[];
  citations: AskCitation[];
  /** Effective date, main document and status of what the answer says; null without a cited source. */
  sources: SourcesView | null;
  confidence: AskConfidence;
  /** 0–1: share of the question's terms the top hit matched, damped when the runner-up is close. */
  score: number;
  suggestions: AskSuggestion[];
}

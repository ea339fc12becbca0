import type { Locale } from '../../i18n/index.js';
import type { Verification } from '../catalog-schema.js';

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
  clause?: string;
  verification: Verification;
}

export interface AskSuggestion {
  kind: 'eligibility_check' | 'contact_officer' | 'programme' | 'faq';
  /** Programme or FAQ id for programme/faq suggestions. */
  id?: string;
  label: string;
}

export interface AskResult {
  answer: string;
  /** Programmes the answer is about, best first. */
  programIds: string[];
  /** What the top hit was: a programme or a glossary/FAQ entry (`faq:<id>`). */
  topMatch: { kind: 'programme' | 'glossary' | 'faq'; id: string } | undefined;
  citations: AskCitation[];
  confidence: AskConfidence;
  /** 0–1: share of the question's terms the top hit matched, damped when the runner-up is close. */
  score: number;
  suggestions: AskSuggestion[];
}

import type { CategoryId, Residence, StageId } from '../catalog-schema.js';
import type { FactLexicon } from './knowledge-base.js';
import { PhraseSet } from './phrase-set.js';

/** What a question says about the child ("上初中住校" → junior_secondary, boarding). */
export interface QuestionFacts {
  stage?: StageId;
  boarding?: boolean;
  residence?: Residence;
  categories: CategoryId[];
  /** The question with every fact phrase blanked out: what is left is the topic. */
  rest: string;
}

export type FactExtractor = (normalizedQuestion: string) => QuestionFacts;

/** Builds an extractor from the lexicon; phrases must already be normalised like the question. */
export function createFactExtractor(
  lexicon: FactLexicon,
  normalize: (text: string) => string,
): FactExtractor {
  const norm = (list: readonly string[] = []) => list.map(normalize);
  const stages = Object.entries(lexicon.stage).map(
    ([stage, words]) => [stage as StageId, norm(words)] as const,
  );
  const lowerGrades = norm(lexicon.lowerGrades);
  const boardingNo = norm(lexicon.boarding.no);
  const boardingYes = norm(lexicon.boarding.yes);
  const residences = Object.entries(lexicon.residence).map(
    ([residence, words]) => [residence as Residence, norm(words)] as const,
  );
  const categories = Object.entries(lexicon.category).map(
    ([category, words]) => [category as CategoryId, norm(words)] as const,
  );
  const allPhrases = new PhraseSet([
    ...stages.flatMap(([, words]) => words),
    ...lowerGrades,
    ...boardingNo,
    ...boardingYes,
    ...residences.flatMap(([, words]) => words),
    ...categories.flatMap(([, words]) => words),
  ]);
  const boardingNoSet = new PhraseSet(boardingNo);
  const boardingYesSet = new PhraseSet(boardingYes);

  return (text) => {
    const { found, blanked } = allPhrases.read(text);
    const facts: QuestionFacts = { categories: [], rest: blanked };
    const says = (words: readonly string[]) => words.some((word) => found.has(word));
    const stageIds = stages.filter(([, words]) => says(words)).map(([stage]) => stage);
    // 读研 also says 大学; otherwise two different stages leave the stage open rather than guess.
    if (stageIds.includes('postgraduate')) facts.stage = 'postgraduate';
    else if (stageIds.length === 1) facts.stage = stageIds[0];
    else if (stageIds.length === 0 && says(lowerGrades)) facts.stage = 'primary';

    // "不住校" contains "住校": look for the negative first and blank it before the positive.
    if (says(boardingNo)) facts.boarding = false;
    else if (boardingYesSet.has(boardingNoSet.blank(text))) facts.boarding = true;

    const residence = residences.filter(([, words]) => says(words));
    if (residence.length === 1) facts.residence = residence[0]?.[0];
    for (const [category, words] of categories) {
      if (says(words)) facts.categories.push(category);
    }
    return facts;
  };
}

export function hasFacts(facts: QuestionFacts): boolean {
  return (
    facts.stage !== undefined ||
    facts.boarding !== undefined ||
    facts.residence !== undefined ||
    facts.categories.length > 0
  );
}

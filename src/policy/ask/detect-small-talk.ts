import { findPhrase } from './find-phrase.js';
import { type IntentLexicon, SMALL_TALK_KINDS, type SmallTalkKind } from './knowledge-base.js';
import { PhraseSet } from './phrase-set.js';

export type SmallTalkDetector = (normalizedQuestion: string) => SmallTalkKind | undefined;

const NOT_MEANINGFUL = /[\s\p{P}\p{S}]/gu;

/**
 * Greetings, thanks, "人工", "我也不知道": messages made only of such phrases and filler words. A message
 * with anything else in it ("你好，高中助学金多少") is a question and goes to the search instead.
 */
export function createSmallTalkDetector(
  lexicon: IntentLexicon,
  normalize: (text: string) => string,
): SmallTalkDetector {
  const kinds = SMALL_TALK_KINDS.map(
    (kind) => [kind, (lexicon.smallTalk[kind] ?? []).map(normalize)] as const,
  );
  const everything = new PhraseSet([
    ...kinds.flatMap(([, words]) => words),
    ...lexicon.fillers.map(normalize),
  ]);
  return (text) => {
    if (text.replace(NOT_MEANINGFUL, '') === '') return 'vague';
    const rest = everything.blank(text).replace(NOT_MEANINGFUL, '');
    if (rest !== '') return undefined;
    return kinds.find(([, words]) => words.some((word) => findPhrase(text, word) !== -1))?.[0] ?? 'vague';
  };
}

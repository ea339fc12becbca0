import { describe, expect, it } from 'vitest';
import { ASK_CASES } from '../../bench/ask-cases.js';
import { findPhrase } from '../../src/policy/ask/find-phrase.js';
import { DEFAULT_KNOWLEDGE_BASE } from '../../src/policy/ask/knowledge-base.js';
import { PhraseSet } from '../../src/policy/ask/phrase-set.js';
import { createTextAnalyzer } from '../../src/policy/ask/text-analyzer.js';

// A PhraseSet must find and blank exactly what one findPhrase per phrase finds and this plain blanking blanks (the
// engine's way before PhraseSet), for every lexicon.

/** Replaces every occurrence of the phrases with spaces, longest first, so later checks do not see them. */
function blankPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    for (let at = findPhrase(out, phrase); at !== -1; at = findPhrase(out, phrase))
      out = `${out.slice(0, at)}${' '.repeat(phrase.length)}${out.slice(at + phrase.length)}`;
  }
  return out;
}
const { normalize } = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);
const { facts, intents, outOfScope, definitionCues, amountCues } = DEFAULT_KNOWLEDGE_BASE;
const LEXICONS: Record<string, readonly string[]> = {
  cues: [...definitionCues, ...amountCues, ...intents.applyCues],
  generic: [...intents.genericTerms, ...intents.fillers],
  smallTalk: [...Object.values(intents.smallTalk).flat(), ...intents.fillers],
  facts: [
    ...Object.values(facts.stage).flat(),
    ...facts.lowerGrades,
    ...facts.boarding.no,
    ...facts.boarding.yes,
    ...Object.values(facts.residence).flat(),
    ...Object.values(facts.category).flat(),
  ],
  outOfScope: outOfScope.flatMap((entry) => [...entry.aliases, ...entry.allOf.flat(), ...entry.unless]),
  tricky: ['hi', 'this', 'how much', 'much', 'a b', 'b c', 'ab', 'bc', '低保', '低保户', '保户'],
};

const TEXTS = [
  ...ASK_CASES.map((item) => normalize(item.q)),
  ...ASK_CASES.map((item) => normalize(`${item.q.toUpperCase()}, how much a b c? this hi`)),
  '',
  'hi',
  'this',
  'hi!hi',
  'ahi hi',
  'how  much',
  'how muchhow much',
  'a b c',
  'abc ab bc',
  '低保户低保',
];

describe('phrase set', () => {
  it.each(Object.entries(LEXICONS))(
    'of the %s lexicon finds and blanks as findPhrase and blankPhrases',
    (_name, list) => {
      const phrases = list.map(normalize);
      const set = new PhraseSet(phrases);
      for (const text of TEXTS) {
        const expected = phrases.filter((phrase) => findPhrase(text, phrase) !== -1);
        expect([...set.found(text)].sort(), text).toEqual([...new Set(expected)].sort());
        expect(set.has(text), text).toBe(expected.length > 0);
        expect(set.blank(text), text).toBe(blankPhrases(text, phrases));
        expect(set.read(text), text).toEqual({ found: set.found(text), blanked: set.blank(text) });
      }
    },
  );

  it('completes a phrase with a space that blanking another phrase made', () => {
    // "好好" goes first (as long, listed first); its blank completes "a ".
    const phrases = ['好好', 'a '];
    expect(blankPhrases('a好好', phrases)).toBe('   ');
    expect(new PhraseSet(phrases).blank('a好好')).toBe('   ');
  });
});

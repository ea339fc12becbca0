import * as z from 'zod';
import optionWordsJson from '../../flows/option-words.json' with { type: 'json' };
import { createTextAnalyzer, DEFAULT_KNOWLEDGE_BASE } from '../policy/index.js';

// What people type at a choice step, as data (flows/option-words.json), shared by the flows and the ask engine.

const wordList = z.array(z.string().min(1));

const optionWordsSchema = z.object({
  /** Words that make a reply a question ("什么是低保？"): Chinese anywhere, English at the start. */
  questionCues: z.object({ zh: wordList, en: wordList }),
  /** Words that, just before an option word, turn it around ("不是低保", "not rural"). */
  negations: z.object({ zh: wordList, en: wordList }),
  /** "second", "最后一个": an option by its place; -1 is the last. */
  ordinals: z.record(z.string().min(1), z.number().int()),
  /** vocabulary name → option value → words. */
  vocabularies: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.record(z.string().min(1), wordList)),
});
export type OptionWords = z.infer<typeof optionWordsSchema>;

/** Validated once when first imported; a broken file stops the service at start. */
export const OPTION_WORDS: OptionWords = optionWordsSchema.parse(optionWordsJson);

// The ask engine's own folding (NFKC, lower case, traditional → simplified), so both read text alike.
const analyzer = createTextAnalyzer(DEFAULT_KNOWLEDGE_BASE);

/** Folds width, case, script and spacing: "ＹＥＳ", "國中 " and "国中" compare equal. */
export function foldText(text: string): string {
  return analyzer.normalize(text).replace(/\s+/g, ' ').trim();
}

/** A word folded and escaped for use inside a regular expression. */
export function wordPattern(word: string): string {
  return foldText(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EDGE_PUNCTUATION =
  /^[\s。.,，、!！?？~～…:：;；"'“”‘’「」『』()（）【】[\]-]+|[\s。.,，、!！?？~～…:：;；"'“”‘’「」『』()（）【】[\]-]+$/g;
const TRAILING_PARTICLES = /[吧啊呀哦噢喔啦嘛哈的了]+$/;

/** The reply without edge punctuation and trailing particles ("是的吧。" → "是"), for whole-reply matches. */
export function coreOf(folded: string): string {
  const bare = folded.replace(EDGE_PUNCTUATION, '');
  const stripped = bare.replace(TRAILING_PARTICLES, '');
  return stripped || bare;
}

export interface OptionWord {
  /** Folded text, found inside longer replies. */
  text: string;
  /** Folded text without particles, compared with the whole reply's core. */
  core: string;
  /** Matches only the whole reply (one Chinese character, one or two Latin letters, or written "=…"). */
  exact: boolean;
}

const SHORT = /^(?:\p{Script=Han}|[a-z0-9]{1,2})$/u;

/** A word as written in the data or a label, folded, with whether it may match inside a longer reply. */
export function optionWord(raw: string): OptionWord {
  const exact = raw.startsWith('=');
  const text = foldText(exact ? raw.slice(1) : raw).replace(EDGE_PUNCTUATION, '');
  const core = coreOf(text);
  return { text, core, exact: exact || SHORT.test(text) };
}

/** The words a vocabulary lists for one option value (none when it lists nothing for it). */
export function vocabularyWords(vocabulary: string, value: string): OptionWord[] {
  return (OPTION_WORDS.vocabularies[vocabulary]?.[value] ?? []).map(optionWord);
}

import * as z from 'zod';
import { CategoryIdSchema, LocalizedTextSchema, RESIDENCES, StageIdSchema } from '../catalog-schema.js';
import aliasesJson from './aliases.json' with { type: 'json' };
import factsJson from './facts.json' with { type: 'json' };
import faqJson from './faq.json' with { type: 'json' };
import intentsJson from './intents.json' with { type: 'json' };
import outOfScopeJson from './out-of-scope.json' with { type: 'json' };
import stopwordsJson from './stopwords.json' with { type: 'json' };
import tradToSimpJson from './trad-to-simp.json' with { type: 'json' };

export const FaqEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['glossary', 'faq']),
  question: LocalizedTextSchema,
  answer: LocalizedTextSchema,
  aliases: z.array(z.string().min(1)),
  programmeIds: z.array(z.string()),
  /** Documents (by id in the active catalogue) the answer rests on. */
  documentIds: z.array(z.string()).default([]),
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

const phrases = z.array(z.string().min(1));

/** Programmes parents name that no catalogue covers: who runs them and whom to ask. */
export const OutOfScopeEntrySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Any of these in the question names the programme. */
  aliases: phrases,
  /** Or one phrase from every group ("大学" and "奖学金"). */
  allOf: z.array(phrases.min(1)).default([]),
  /** Regular expressions on the normalised question. */
  patterns: z
    .array(z.string().min(1))
    .default([])
    .refine((list) => list.every(isValidRegExp), 'every pattern must be a valid regular expression'),
  /** None of these may appear: they mean a programme we do cover (大学 + 贷款 is the student loan). */
  unless: phrases.default([]),
  answer: LocalizedTextSchema,
});
export type OutOfScopeEntry = z.infer<typeof OutOfScopeEntrySchema>;

/** Words that state facts about the child: the ask engine picks the figure that applies from them. */
export const FactLexiconSchema = z.object({
  stage: z.record(StageIdSchema, phrases),
  /** 一至三年级 say nothing about the stage unless no other stage word does (职高一年级 is vocational). */
  lowerGrades: phrases,
  boarding: z.object({ yes: phrases, no: phrases }),
  residence: z.record(z.enum(RESIDENCES), phrases),
  category: z.partialRecord(CategoryIdSchema, phrases),
});
export type FactLexicon = z.infer<typeof FactLexiconSchema>;

export const SMALL_TALK_KINDS = ['human', 'thanks', 'greeting', 'goodbye', 'vague'] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];

export const IntentLexiconSchema = z.object({
  /** Phrases that mark "how do I apply / what to bring / where". */
  applyCues: phrases,
  /** Whole-message phrases; checked in this order. */
  smallTalk: z.record(z.enum(SMALL_TALK_KINDS), phrases),
  /** Words that carry no request on their own ("我想", "一下", "please"). */
  fillers: phrases,
  /** Words that name no programme ("补助", "资助", "aid"): a question of only these asks for an overview. */
  genericTerms: phrases,
});
export type IntentLexicon = z.infer<typeof IntentLexiconSchema>;

export const KnowledgeBaseSchema = z.object({
  /** Phrases that mark a "what is …?" question, which favours glossary entries. */
  definitionCues: z.array(z.string().min(1)),
  /** Phrases that mark a "how much …?" question, which favours programmes (they carry the figures). */
  amountCues: z.array(z.string().min(1)),
  entries: z.array(FaqEntrySchema),
  /** Extra search words per programme id: colloquial names, English phrasings. */
  programmeAliases: z.record(z.string(), z.array(z.string().min(1))),
  facts: FactLexiconSchema,
  intents: IntentLexiconSchema,
  outOfScope: z.array(OutOfScopeEntrySchema),
  stopwords: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
  /** Parallel strings: traditional[i] maps to simplified[i]. */
  tradToSimp: z
    .object({ traditional: z.string(), simplified: z.string() })
    .refine(
      (map) => [...map.traditional].length === [...map.simplified].length,
      'maps must be the same length',
    ),
});
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** The bundled knowledge base, validated once when first imported. */
export const DEFAULT_KNOWLEDGE_BASE: KnowledgeBase = KnowledgeBaseSchema.parse({
  definitionCues: faqJson.definitionCues,
  amountCues: faqJson.amountCues,
  entries: faqJson.entries,
  programmeAliases: aliasesJson,
  facts: factsJson,
  intents: intentsJson,
  outOfScope: outOfScopeJson,
  stopwords: stopwordsJson,
  tradToSimp: tradToSimpJson,
});

import { z } from 'zod';
import { LocalizedTextSchema } from '../catalog-schema.js';
import aliasesJson from './aliases.json' with { type: 'json' };
import faqJson from './faq.json' with { type: 'json' };
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

export const KnowledgeBaseSchema = z.object({
  /** Phrases that mark a "what is …?" question, which favours glossary entries. */
  definitionCues: z.array(z.string().min(1)),
  /** Phrases that mark a "how much …?" question, which favours programmes (they carry the figures). */
  amountCues: z.array(z.string().min(1)),
  entries: z.array(FaqEntrySchema),
  /** Extra search words per programme id: colloquial names, English phrasings. */
  programmeAliases: z.record(z.string(), z.array(z.string().min(1))),
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

/** The bundled knowledge base, validated once when first imported. */
export const DEFAULT_KNOWLEDGE_BASE: KnowledgeBase = KnowledgeBaseSchema.parse({
  definitionCues: faqJson.definitionCues,
  amountCues: faqJson.amountCues,
  entries: faqJson.entries,
  programmeAliases: aliasesJson,
  stopwords: stopwordsJson,
  tradToSimp: tradToSimpJson,
});

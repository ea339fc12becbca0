import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';
import { CATEGORY_IDS, STAGE_IDS, VerificationSchema } from '../policy/index.js';

// The answers of /api/eligibility and /api/ask, once: /openapi.json is generated from these, and
// test/policy-api/openapi.test.ts checks real answers against them (extra fields fail), so a field added to
// an answer must be added here too.

const LocaleSchema = z.enum(LOCALES);

export const CatalogRefSchema = z.object({ id: z.string(), version: z.string() }).meta({ id: 'CatalogRef' });

export const CitationSchema = z
  .object({
    documentId: z.string(),
    title: z.string(),
    number: z.string().optional(),
    issuer: z.string(),
    date: z.string().optional(),
    clause: z.string().optional(),
    verification: VerificationSchema,
  })
  .meta({ id: 'Citation' });

export const SourcesSchema = z
  .object({
    effective: z
      .object({
        from: z.string().describe('YYYY-MM-DD: first day the quoted figures apply'),
        label: z.string().describe('e.g. 2024年春季学期起'),
      })
      .optional(),
    verification: VerificationSchema.describe('Weakest status among the quoted figures and main document'),
    verificationLabel: z.string(),
    summary: z.string().describe('One line: effective date · document · status'),
    showLabel: z.string().describe('Label of the control that expands the list: 查看依据'),
    documents: z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        number: z.string().optional(),
        issuer: z.string(),
        date: z.string().optional().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
        verification: VerificationSchema,
        text: z.string().describe('One line for the citation list'),
      }),
    ),
  })
  .meta({
    id: 'Sources',
    description:
      "Where an answer or result comes from: the figures' effective date, the documents and how sure we are.",
  });

const AmountOptionSchema = z.object({
  label: z.string(),
  text: z.string(),
  inForce: z
    .boolean()
    .describe('False when no figure is in force on the date asked and this is the latest known one.'),
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
  verification: VerificationSchema,
});

export const ProgrammeResultSchema = z
  .object({
    programId: z.string(),
    name: z.string(),
    verdict: z.enum(['likely', 'needs_check', 'unlikely']).describe('Never a decision: the school decides.'),
    amount: z
      .object({
        text: z.string().describe('e.g. 每年1500元 (元/年 or 元/学期)'),
        options: z.array(AmountOptionSchema),
      })
      .nullable()
      .describe('Null when the child is unlikely to qualify or the catalogue has no figure.'),
    reasons: z.array(z.string()),
    missing: z.array(
      z.object({ field: z.string(), affects: z.enum(['verdict', 'amount']), question: z.string() }),
    ),
    applicationRequired: z.boolean(),
    materials: z.array(z.string()),
    howToApply: z.string(),
    payment: z.string(),
    contact: z.string(),
    needsLocalConfirmation: z
      .boolean()
      .describe('A figure is secondary or unverified; the text then says 请以当地资助中心公布为准.'),
    citations: z.array(CitationSchema),
    sources: SourcesSchema.nullable(),
    text: z.string().describe('Short sentences ending with the anti-fraud line and the hotline.'),
  })
  .meta({ id: 'ProgrammeResult' });

export const EligibilityResponseSchema = z
  .object({
    catalog: CatalogRefSchema,
    asOf: z.string().describe('YYYY-MM-DD (Beijing)'),
    locale: LocaleSchema,
    results: z.array(ProgrammeResultSchema).describe('One result per programme of the catalogue.'),
    notice: z.object({ antiFraud: z.string(), hotline: z.string().nullable() }),
  })
  .meta({ id: 'EligibilityResponse' });

export const AskResponseSchema = z
  .object({
    answer: z.string(),
    programIds: z.array(z.string()).describe('Programmes the answer is about, best first.'),
    topMatch: z
      .object({
        kind: z.enum(['programme', 'glossary', 'faq', 'overview', 'out_of_scope', 'small_talk']),
        id: z.string(),
      })
      .optional()
      .describe(
        'What the answer is about. overview: a bare school stage (id is the stage); out_of_scope: a programme ' +
          'run by another body (雨露计划, university grants; id names it); small_talk: greeting, thanks, human, ' +
          'goodbye or vague. More kinds may be added.',
      ),
    intent: z.enum(['general', 'amount', 'how_to_apply', 'definition']),
    facts: z
      .object({
        stage: z.enum(STAGE_IDS).optional(),
        boarding: z.boolean().optional(),
        residence: z.enum(['rural', 'urban']).optional(),
        categories: z.array(z.enum(CATEGORY_IDS)),
      })
      .describe('Facts the question stated about the child; they select the figures quoted.'),
    figures: z
      .array(
        z.object({
          label: z.string(),
          text: z.string(),
          yuan: z.number().optional().describe('Money figures only (the average for tiers)'),
          effectiveFrom: z.string(),
          inForce: z.boolean(),
          verification: VerificationSchema,
        }),
      )
      .describe('The figures the answer quotes: only the one that applies when the facts decide it.'),
    citations: z.array(CitationSchema),
    sources: SourcesSchema.nullable(),
    confidence: z.enum(['high', 'medium', 'low']),
    score: z.number().describe('0–1: share of the question’s terms the top hit matched.'),
    suggestions: z.array(
      z.object({
        kind: z.enum(['eligibility_check', 'contact_officer', 'programme', 'faq']),
        id: z.string().optional(),
        label: z.string(),
      }),
    ),
    catalog: CatalogRefSchema,
    locale: LocaleSchema,
  })
  .meta({ id: 'AskResponse' });

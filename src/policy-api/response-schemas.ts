import { z } from 'zod';
import { LOCALES } from '../i18n/index.js';
import { VerificationSchema } from '../policy/index.js';

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
      .object({ kind: z.enum(['programme', 'glossary', 'faq']), id: z.string() })
      .optional()
      .describe('What the top hit was.'),
    citations: z.array(CitationSchema),
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

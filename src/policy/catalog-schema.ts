import * as z from 'zod';

/** Stage ids from the aid standards reference. */
export const STAGE_IDS = [
  'preschool',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'vocational_secondary',
  'undergraduate',
  'postgraduate',
] as const;
export const StageIdSchema = z.enum(STAGE_IDS);
export type StageId = z.infer<typeof StageIdSchema>;

/** Household situations that make a 家庭经济困难 determination likely (reference: category ids). */
export const CATEGORY_IDS = [
  'poverty_alleviated',
  'monitored_at_risk',
  'subsistence_allowance',
  'extreme_poverty_support',
  'orphan',
  'de_facto_unsupported',
  'disabled_student',
  'disabled_parent',
  'martyr_child',
  'single_parent',
  'parent_deceased',
  'other_hardship',
] as const;
export const CategoryIdSchema = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof CategoryIdSchema>;

/** Yes/no facts about the child that programme rules may ask about. */
export const FLAG_FIELDS = [
  'boarding',
  'finalPreschoolYear',
  'inclusiveKindergarten',
  'agriculturalMajor',
  'performingArtsMajor',
  'fullTime',
  'specialSchool',
  'nutritionPilotArea',
  'outOfProvinceOrCentralUniversity',
] as const;
export const FlagFieldSchema = z.enum(FLAG_FIELDS);
export type FlagField = z.infer<typeof FlagFieldSchema>;

export const OWNERSHIPS = ['public', 'private'] as const;
export type SchoolOwnership = (typeof OWNERSHIPS)[number];
export const RESIDENCES = ['rural', 'urban'] as const;
export type Residence = (typeof RESIDENCES)[number];

/** Every profile fact a rule can depend on; used to report missing information. */
export type ProfileField = FlagField | 'schoolOwnership' | 'residence' | 'grade';

export const VERIFICATIONS = ['verified', 'secondary', 'unverified'] as const;
export const VerificationSchema = z.enum(VERIFICATIONS);
export type Verification = z.infer<typeof VerificationSchema>;

export const LocalizedTextSchema = z.object({
  'zh-CN': z.string().min(1),
  'zh-TW': z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a month and day that exist (not 2024-13-01 or 2023-02-30). */
function isRealDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number);
  if (year === undefined || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 02-30 over into March: a real date comes back unchanged.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` that really exists (rejects 2024-13-01 and 2023-02-30). */
export const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, 'expected a date like 2024-03-01')
  .refine((value) => !ISO_DATE.test(value) || isRealDate(value), 'not a real date');

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** Publication dates are often only known to the month or year. */
export const PartialDateSchema = z
  .string()
  .regex(PARTIAL_DATE, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((value) => !PARTIAL_DATE.test(value) || isRealDate(value), 'not a real date');

const PeriodFields = {
  /** First day the rule or value applies. */
  effectiveFrom: IsoDateSchema.optional(),
  /** Last day (inclusive) it applies; absent means still in force. */
  effectiveTo: IsoDateSchema.optional(),
};

// ---- Conditions ---------------------------------------------------------

const ConditionBase = {
  ...PeriodFields,
  /**
   * When the fact is unknown, treat the condition as met but say so. For rare exclusions
   * (e.g. performing-arts majors) asking every parent would be noise.
   */
  assumeMetIfUnknown: z.boolean().optional(),
};

export const ConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flag'), field: FlagFieldSchema, equals: z.boolean(), ...ConditionBase }),
  z.object({
    type: z.literal('ownership'),
    in: z.array(z.enum(OWNERSHIPS)).min(1),
    ...ConditionBase,
  }),
  z.object({
    type: z.literal('residence'),
    in: z.array(z.enum(RESIDENCES)).min(1),
    ...ConditionBase,
  }),
  z.object({
    type: z.literal('grade'),
    min: z.number().int().min(1).optional(),
    max: z.number().int().min(1).optional(),
    ...ConditionBase,
  }),
  z.object({ type: z.literal('stage'), in: z.array(StageIdSchema).min(1), ...ConditionBase }),
  z.object({ type: z.literal('category'), anyOf: z.array(CategoryIdSchema).min(1), ...ConditionBase }),
  /** Met only on dates inside the period: used for programmes that start or stop on a date. */
  z.object({ type: z.literal('period'), from: IsoDateSchema.optional(), to: IsoDateSchema.optional() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

// ---- Amounts ------------------------------------------------------------

export const MONEY_UNITS = ['yuan_per_year', 'yuan_per_term'] as const;
export const MoneyUnitSchema = z.enum(MONEY_UNITS);
export type MoneyUnit = z.infer<typeof MoneyUnitSchema>;

const MoneySchema = z.object({
  kind: z.literal('money'),
  amount: z.number().positive(),
  unit: MoneyUnitSchema,
  /** exact: everyone gets it; average: schools grade around it; maximum: a cap (loans). */
  basis: z.enum(['exact', 'average', 'maximum']),
});
const DailySchema = z.object({
  kind: z.literal('daily'),
  yuanPerDay: z.number().positive(),
  days: z.number().int().positive().optional(),
  paidAs: z.enum(['meals', 'cash', 'unspecified']),
});
const TiersSchema = z.object({
  kind: z.literal('tiers'),
  unit: MoneyUnitSchema,
  average: z.number().positive().optional(),
  /** Empty when each province sets its own tiers. */
  tiers: z.array(z.number().positive()),
  note: LocalizedTextSchema.optional(),
});
const SetLocallySchema = z.object({ kind: z.literal('set_locally'), note: LocalizedTextSchema.optional() });
const InKindSchema = z.object({ kind: z.literal('in_kind'), items: z.array(LocalizedTextSchema).min(1) });
const ActualCostSchema = z.object({ kind: z.literal('actual_cost'), covers: LocalizedTextSchema });

const SimpleAmountSchema = z.discriminatedUnion('kind', [
  MoneySchema,
  DailySchema,
  TiersSchema,
  SetLocallySchema,
  InKindSchema,
  ActualCostSchema,
]);
export type SimpleAmount = z.infer<typeof SimpleAmountSchema>;

export const AmountValueSchema = z.union([
  SimpleAmountSchema,
  z.object({ kind: z.literal('combined'), parts: z.array(SimpleAmountSchema).min(2) }),
]);
export type AmountValue = z.infer<typeof AmountValueSchema>;

export const DatedValueSchema = z.object({
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.optional(),
  value: AmountValueSchema,
  verification: VerificationSchema,
  verificationNote: LocalizedTextSchema.optional(),
  /** Share of students funded, e.g. 30 (% of boarders): tells parents it is not automatic. */
  coverage: z.object({ percent: z.number().positive().max(100), of: LocalizedTextSchema }).optional(),
  documentIds: z.array(z.string()).default([]),
});
export type DatedValue = z.infer<typeof DatedValueSchema>;

export const AmountRuleSchema = z.object({
  id: z.string().min(1),
  label: LocalizedTextSchema,
  when: z.array(ConditionSchema).default([]),
  values: z.array(DatedValueSchema).min(1),
});
export type AmountRule = z.infer<typeof AmountRuleSchema>;

// ---- Programmes ---------------------------------------------------------

export const EligibilityRouteSchema = z.object({
  id: z.string().min(1),
  label: LocalizedTextSchema,
  conditions: z.array(ConditionSchema).default([]),
  /** needs_check: the route exists but the school still has to determine hardship. */
  verdict: z.enum(['likely', 'needs_check']),
});
export type EligibilityRoute = z.infer<typeof EligibilityRouteSchema>;

export const CitationSchema = z.object({
  documentId: z.string().min(1),
  clause: LocalizedTextSchema.optional(),
  verification: VerificationSchema,
  note: LocalizedTextSchema.optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const ProgrammeTermSchema = z.object({
  id: z.string().min(1),
  text: LocalizedTextSchema,
  verification: VerificationSchema,
});
export type ProgrammeTerm = z.infer<typeof ProgrammeTermSchema>;

export const ProgrammeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'programme ids are snake_case'),
  name: LocalizedTextSchema,
  /** Who it is for, in the words a parent reads. */
  audience: LocalizedTextSchema,
  stages: z.array(StageIdSchema).min(1),
  eligibility: z.object({
    /** All must hold. */
    requirements: z.array(ConditionSchema).default([]),
    /** At least one must hold; none listed means the requirements suffice. */
    routes: z.array(EligibilityRouteSchema).default([]),
  }),
  /** First rule whose conditions match gives the amount. */
  amounts: z.array(AmountRuleSchema).min(1),
  applicationRequired: z.boolean(),
  materials: z.array(LocalizedTextSchema).default([]),
  howToApply: LocalizedTextSchema,
  contact: LocalizedTextSchema,
  paymentMethod: LocalizedTextSchema,
  terms: z.array(ProgrammeTermSchema).default([]),
  citations: z.array(CitationSchema).min(1),
});
export type Programme = z.infer<typeof ProgrammeSchema>;

export const PolicyDocumentSchema = z.object({
  id: z.string().min(1),
  title: LocalizedTextSchema,
  number: z.string().optional(),
  issuer: LocalizedTextSchema,
  date: PartialDateSchema.optional(),
  verification: VerificationSchema,
  note: LocalizedTextSchema.optional(),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

export const CatalogSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'catalogue ids are kebab-case'),
    version: z.string().min(1),
    region: LocalizedTextSchema,
    title: LocalizedTextSchema,
    publishedAt: IsoDateSchema,
    documents: z.array(PolicyDocumentSchema).min(1),
    programmes: z.array(ProgrammeSchema).min(1),
  })
  .superRefine(checkCatalogConsistency);
export type Catalog = z.infer<typeof CatalogSchema>;
export type CatalogInput = z.input<typeof CatalogSchema>;

type CatalogShape = {
  documents: PolicyDocument[];
  programmes: Programme[];
};

/** Cross-field checks zod cannot express per field: ids, references, date ranges. */
function checkCatalogConsistency(catalog: CatalogShape, ctx: z.RefinementCtx): void {
  const documentIds = new Set<string>();
  catalog.documents.forEach((document, index) => {
    if (documentIds.has(document.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['documents', index, 'id'],
        message: `duplicate id ${document.id}`,
      });
    }
    documentIds.add(document.id);
  });

  const programmeIds = new Set<string>();
  catalog.programmes.forEach((programme, programmeIndex) => {
    const at = (...path: (string | number)[]) => ['programmes', programmeIndex, ...path];
    if (programmeIds.has(programme.id)) {
      ctx.addIssue({ code: 'custom', path: at('id'), message: `duplicate programme id ${programme.id}` });
    }
    programmeIds.add(programme.id);

    programme.citations.forEach((citation, index) => {
      if (!documentIds.has(citation.documentId)) {
        ctx.addIssue({
          code: 'custom',
          path: at('citations', index, 'documentId'),
          message: `unknown document ${citation.documentId}`,
        });
      }
    });

    programme.amounts.forEach((rule, ruleIndex) => {
      checkDatedValues(rule.values, (valueIndex, message) =>
        ctx.addIssue({ code: 'custom', path: at('amounts', ruleIndex, 'values', valueIndex), message }),
      );
      rule.values.forEach((value, valueIndex) => {
        for (const documentId of value.documentIds) {
          if (!documentIds.has(documentId)) {
            ctx.addIssue({
              code: 'custom',
              path: at('amounts', ruleIndex, 'values', valueIndex, 'documentIds'),
              message: `unknown document ${documentId}`,
            });
          }
        }
      });
    });
  });

  // 12309 is the procuratorate's line; a catalogue must never point parents to it.
  if (JSON.stringify(catalog).includes('12309')) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: '12309 is not a student-aid hotline and must not appear',
    });
  }
}

/** Values of one rule must be in date order, each range valid, and never overlap. */
function checkDatedValues(values: DatedValue[], report: (index: number, message: string) => void): void {
  values.forEach((value, index) => {
    if (value.effectiveTo !== undefined && value.effectiveTo < value.effectiveFrom) {
      report(index, `effectiveTo ${value.effectiveTo} is before effectiveFrom ${value.effectiveFrom}`);
    }
    const previous = index > 0 ? values[index - 1] : undefined;
    if (previous === undefined) return;
    if (previous.effectiveFrom >= value.effectiveFrom) {
      report(index, 'values must be sorted by effectiveFrom');
    } else if (previous.effectiveTo === undefined || previous.effectiveTo >= value.effectiveFrom) {
      report(index, `overlaps the value starting ${previous.effectiveFrom}`);
    }
  });
}

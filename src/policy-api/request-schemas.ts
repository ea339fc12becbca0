import * as z from 'zod';
import { LOCALES } from '../i18n/index.js';
import { CategoryIdSchema, ChildProfileSchema, IsoDateSchema } from '../policy/index.js';

const catalogId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'a catalogue id such as cn-national')
  .describe('Catalogue id; the deployment default (DEFAULT_CATALOG) when left out.');
const asOf = IsoDateSchema.describe(
  'Date whose rules and figures apply, YYYY-MM-DD (Beijing); today by default.',
);
const locale = z.enum(LOCALES).describe('Language of the answer text; DEFAULT_LOCALE when left out.');

/** POST /api/eligibility. Unknown fields are refused so a typo is not silently read as "unknown". */
export const EligibilityRequestSchema = z
  .object({
    catalog: catalogId.optional(),
    asOf: asOf.optional(),
    locale: locale.optional(),
    child: ChildProfileSchema.strict(),
    household: z
      .object({ categories: z.array(CategoryIdSchema).max(12).describe('Household situations that apply.') })
      .strict(),
  })
  .strict()
  .meta({ id: 'EligibilityRequest' });
export type EligibilityRequest = z.infer<typeof EligibilityRequestSchema>;

/** POST /api/ask. */
export const AskRequestSchema = z
  .object({
    question: z.string().trim().min(1).max(500).describe('The question as a parent would type it.'),
    locale: locale.optional(),
    catalog: catalogId.optional(),
    asOf: asOf.optional(),
  })
  .strict()
  .meta({ id: 'AskRequest' });
export type AskRequest = z.infer<typeof AskRequestSchema>;

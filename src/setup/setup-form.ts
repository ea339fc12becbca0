import * as z from 'zod';
import {
  displayNameSchema,
  passwordSchema,
  usernameProblemKey,
  usernameSchema,
} from '../auth/account-rules.js';

/** What the first-run form asks for: the district, its first officer and, if given, the first school. */
export const setupFormSchema = z
  .object({
    token: z.string().trim().min(1).max(200),
    districtName: z.string().trim().min(2).max(60),
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    passwordAgain: z.string(),
    schoolName: z.string().trim().max(60).optional().default(''),
  })
  .refine((form) => form.password === form.passwordAgain, { path: ['passwordAgain'] });

export type SetupForm = z.infer<typeof setupFormSchema>;

/** The locale key explaining a refused field. */
export function setupProblemKey(field: string, typed: Record<string, unknown>): string {
  switch (field) {
    case 'token':
      return 'setup.errors.token_missing';
    case 'districtName':
      return 'setup.errors.district_name';
    case 'username':
      return usernameProblemKey(typed.username);
    case 'displayName':
      return 'forms.display_name';
    case 'password':
      return 'forms.password_short';
    case 'passwordAgain':
      return 'forms.password_mismatch';
    default:
      return 'forms.invalid';
  }
}

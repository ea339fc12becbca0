import * as z from 'zod';
import { STAFF_ROLES } from './staff-actor.js';

// What a staff account's fields must look like, shared by the console forms, first-run setup and the CLI.

/** Lower-case Latin letters, digits and . _ -, 3 to 40 characters: typed on any keyboard, safe in URLs and logs. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/);
export const passwordSchema = z.string().min(10).max(200);
export const displayNameSchema = z.string().trim().min(1).max(50);
export const roleSchema = z.enum(STAFF_ROLES);

/** The locale key saying why a typed username is refused; Chinese characters get their own explanation. */
export function usernameProblemKey(typed: unknown): string {
  if (typeof typed === 'string' && /[\u3400-\u9fff\uf900-\ufaff]/.test(typed))
    return 'forms.username_chinese';
  if (typeof typed === 'string' && /\s/.test(typed.trim())) return 'forms.username_space';
  return 'forms.username_rule';
}

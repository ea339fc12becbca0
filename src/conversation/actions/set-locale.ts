import { isLocale } from '../../i18n/index.js';
import type { Action } from './action.js';

export const setLocale: Action = async ({ vars }) =>
  isLocale(vars.locale)
    ? { ok: true, locale: vars.locale }
    : { ok: false, errorKey: 'validation.choice_unknown' };

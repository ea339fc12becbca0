import { eq } from 'drizzle-orm';
import { boundChildren } from '../binding/binding-service.js';
import type { Action, ActionResult } from '../conversation/actions/action.js';
import { schools } from '../db/schema.js';
import { t } from '../i18n/index.js';
import { CATEGORY_IDS as POLICY_CATEGORY_IDS } from '../policy/catalog-schema.js';
import { resolveCatalog } from '../policy-api/index.js';
import { loadApplicationNames } from './application-names.js';
import { routeNext } from './chat-route.js';
import { draftFor, openApplicationOf, parseList } from './draft-store.js';
import { programmeName } from './programme-name.js';

const CATEGORY_IDS = new Set<string>(POLICY_CATEGORY_IDS);

/**
 * 申请 on the aid check's result card: a draft for the child and programme of the check, with the household
 * categories the parent already gave, then the application flow. A child who is not linked yet is linked first.
 */
export const applicationBegin: Action = async ({ deps, identity, conversationId, state, vars }) => {
  const programmeId = typeof vars.applyChoice === 'string' ? vars.applyChoice.replace(/^apply:/, '') : '';
  const children = await boundChildren(deps, identity);
  const child = children.find((item) => item.bindingId === vars.childChoice);
  if (!child) {
    return {
      ok: true,
      next: '@bind',
      messages: [{ type: 'text', text: t(state.locale, 'flows.apply.bind_first') }],
    };
  }
  const resolved = await resolveCatalog(deps);
  const programme = resolved?.catalog.programmes.find((item) => item.id === programmeId);
  if (!resolved || !programme?.applicationRequired) return { ok: false, errorKey: 'errors.action_failed' };
  const categories = (Array.isArray(vars.category) ? vars.category : [vars.category]).filter(
    (value): value is string => typeof value === 'string' && CATEGORY_IDS.has(value),
  );
  await draftFor(deps, {
    identity,
    conversationId,
    child,
    programmeId,
    catalogId: resolved.catalog.id,
    categories,
    locale: state.locale,
  });
  return { ok: true, next: '@apply' };
};

/** Start of the application flow: continue the open application, or choose a child and a programme. */
export const applicationLoad: Action = async ({ deps, identity, state, vars }): Promise<ActionResult> => {
  const { locale } = state;
  const open = await openApplicationOf(deps, identity);
  if (open) {
    const route = await routeNext(deps, open, vars, locale);
    const messages = [];
    const name = await programmeName(deps, open.catalogId, open.programmeId, locale);
    if (open.status === 'returned') {
      const fields = parseList(open.returnFields).map((field) =>
        field.startsWith('doc:')
          ? t(locale, `applications.document.${field.slice(4)}`)
          : t(locale, `applications.field.${field}`),
      );
      messages.push({
        type: 'text' as const,
        text: t(locale, 'flows.apply.returned_intro', {
          programme: name,
          reason: open.returnReason ?? '',
          fields: fields.join('、'),
        }),
      });
    } else {
      messages.push({
        type: 'text' as const,
        text: t(locale, 'flows.apply.continue_intro', { programme: name }),
      });
    }
    return {
      ok: true,
      next: route.next,
      vars: { ...route.vars, ...(await loadApplicationNames(deps, open)) },
      messages,
    };
  }
  const children = await boundChildren(deps, identity);
  if (children.length === 0) return { ok: true, next: 'need_bind' };
  const childOptions = children.map((child) => ({
    value: child.bindingId,
    label: `${child.studentMasked}（${child.className}）`,
  }));
  if (children.length === 1)
    return { ok: true, next: 'programmes', vars: { childChoice: children[0]!.bindingId } };
  return { ok: true, vars: { childOptions } };
};

/** The programmes of the child's school stage that need an application. */
export const applicationProgrammes: Action = async ({ deps, identity, state, vars }) => {
  const child = (await boundChildren(deps, identity)).find((item) => item.bindingId === vars.childChoice);
  if (!child) return { ok: false, errorKey: 'flows.children.already_gone' };
  const [school] = await deps.database.db
    .select({ stage: schools.stage })
    .from(schools)
    .where(eq(schools.id, child.schoolId))
    .limit(1);
  const resolved = await resolveCatalog(deps);
  const programmes = (resolved?.catalog.programmes ?? []).filter(
    (programme) => programme.applicationRequired && programme.stages.some((stage) => stage === school?.stage),
  );
  if (programmes.length === 0) return { ok: false, errorKey: 'flows.apply.no_programmes' };
  return {
    ok: true,
    vars: {
      programmeOptions: programmes.map((programme) => ({
        value: programme.id,
        label: programme.name[state.locale],
      })),
    },
  };
};

/** The draft for the chosen child and programme (or the open one for them). */
export const applicationCreate: Action = async ({ deps, identity, conversationId, state, vars }) => {
  const child = (await boundChildren(deps, identity)).find((item) => item.bindingId === vars.childChoice);
  const resolved = await resolveCatalog(deps);
  const programmeId = typeof vars.programmeChoice === 'string' ? vars.programmeChoice : '';
  if (!child || !resolved?.catalog.programmes.some((item) => item.id === programmeId))
    return { ok: false, errorKey: 'errors.action_failed' };
  const draft = await draftFor(deps, {
    identity,
    conversationId,
    child,
    programmeId,
    catalogId: resolved.catalog.id,
    categories: [],
    locale: state.locale,
  });
  return { ok: true, vars: { applicationId: draft.id, ...(await loadApplicationNames(deps, draft)) } };
};

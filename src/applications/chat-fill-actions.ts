import { and, eq, isNull } from 'drizzle-orm';
import type { Action } from '../conversation/actions/action.js';
import type { Vars } from '../conversation/conversation-state.js';
import { applicationDocuments, applications, chatUploads } from '../db/schema.js';
import { t } from '../i18n/index.js';
import { maskResidentId } from '../identity/index.js';
import type { AtomicStatement } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { applicationVault } from './application-vault.js';
import {
  type ApplicationField,
  documentVars,
  FIELD_STEPS,
  missingDocuments,
  routeNext,
} from './chat-route.js';
import { applicationOfIdentity, parseList } from './draft-store.js';
import type { ApplicationRow } from './load-application.js';
import { isDocumentKind } from './required-documents.js';
import { isEditableByGuardian } from './review-chain.js';
import { newUploadLink } from './upload-link.js';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * Writes the answers the flow has collected into the application (the 身份证号 only encrypted, and taken out of
 * the conversation at once), then routes to whatever is still missing. A field the school returned counts as
 * fixed once answered again.
 */
export const applicationSave: Action = async ({ deps, identity, state, vars }) => {
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  if (!application || !isEditableByGuardian(application.status))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  const changes: Partial<ApplicationRow> = {};
  const answered: ApplicationField[] = [];
  const cleared: Vars = {
    residentId: null,
    situation: null,
    family: null,
    categories: null,
    editField: null,
  };
  const residentId = text(vars.residentId);
  if (residentId) {
    const vault = await applicationVault(deps.config);
    changes.residentIdEnc = await vault.encrypt(residentId, application.id);
    changes.residentIdIndex = await vault.blindIndex(residentId);
    changes.residentIdMasked = maskResidentId(residentId);
    answered.push('resident_id');
  }
  const categories = Array.isArray(vars.categories) ? vars.categories : null;
  if (categories) {
    const picked = categories.filter((value): value is string => typeof value === 'string');
    if (!picked.includes('keep')) changes.categories = JSON.stringify(picked);
    answered.push('categories');
    cleared.categoriesAsked = true;
  }
  const situation = text(vars.situation);
  if (situation) {
    changes.situation = situation;
    answered.push('situation');
  }
  const family = text(vars.family);
  if (family) {
    changes.familyMembers = JSON.stringify(
      family
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    );
    answered.push('family');
  }
  const now = deps.clock.now();
  if (vars.pledge === 'yes' && application.pledgedAt === null) changes.pledgedAt = now;
  if (vars.consent === 'yes' && application.consentedAt === null) changes.consentedAt = now;
  cleared.pledge = null;
  cleared.consent = null;

  const merged: ApplicationRow = { ...application, ...changes };
  if (application.status === 'returned') {
    const missing = new Set(await missingDocuments(deps, merged));
    const left = parseList(application.returnFields).filter(
      (field) =>
        !answered.includes(field as ApplicationField) &&
        !(field.startsWith('doc:') && !missing.has(field.slice(4) as never)),
    );
    changes.returnFields = JSON.stringify(left);
    merged.returnFields = changes.returnFields;
  }
  const statements: AtomicStatement[] = [];
  if (Object.keys(changes).length > 0) {
    statements.push(
      deps.database.db
        .update(applications)
        .set({ ...changes, updatedAt: now })
        .where(and(eq(applications.id, application.id), eq(applications.status, application.status))),
    );
  }
  const editField = vars.editField;
  if (typeof editField === 'string' && editField in FIELD_STEPS) {
    return {
      ok: true,
      next: FIELD_STEPS[editField as ApplicationField],
      vars: { ...cleared, categoryKeep: [] },
      statements,
    };
  }
  const route = await routeNext(deps, merged, { ...vars, ...cleared }, state.locale);
  return { ok: true, next: route.next, vars: { ...cleared, ...route.vars }, statements };
};

/** Keeps a photo just sent at the document step as one page of that document. */
export const applicationAttachPhoto: Action = async ({ deps, identity, conversationId, state, vars }) => {
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  const kind = vars.docKind;
  if (!application || !isEditableByGuardian(application.status) || !isDocumentKind(kind))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  const [upload] =
    typeof vars.photo === 'string'
      ? await deps.database.db
          .select({ id: chatUploads.id })
          .from(chatUploads)
          .where(and(eq(chatUploads.id, vars.photo), eq(chatUploads.conversationId, conversationId)))
          .limit(1)
      : [];
  if (!upload) return { ok: false, errorKey: 'validation.photo_expected' };
  const now = deps.clock.now();
  const count =
    (
      await deps.database.db
        .select({ id: applicationDocuments.id })
        .from(applicationDocuments)
        .where(
          and(
            eq(applicationDocuments.applicationId, application.id),
            eq(applicationDocuments.kind, kind),
            isNull(applicationDocuments.removedAt),
          ),
        )
    ).length + 1;
  return {
    ok: true,
    vars: { photo: null, docCount: count },
    messages: [
      {
        type: 'text',
        text: t(state.locale, 'flows.apply.photo_received', {
          document: t(state.locale, `applications.document.${kind}`),
          count,
        }),
      },
    ],
    statements: [
      deps.database.db.insert(applicationDocuments).values({
        id: newId('ad_'),
        applicationId: application.id,
        kind,
        uploadId: upload.id,
        removed: null,
        createdAt: now,
      }),
      deps.database.db
        .update(applications)
        .set({ updatedAt: now })
        .where(eq(applications.id, application.id)),
    ],
  };
};

/** Takes the current photos of one document off the application, so the guardian sends new ones. */
export const applicationReplacePhoto: Action = async ({ deps, identity, state, vars }) => {
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  const kind = vars.replaceKind;
  if (!application || !isEditableByGuardian(application.status) || !isDocumentKind(kind))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  const now = deps.clock.now();
  const missing = await missingDocuments(deps, application);
  return {
    ok: true,
    vars: documentVars(state.locale, kind, [...new Set([kind, ...missing])]),
    statements: [
      deps.database.db
        .update(applicationDocuments)
        .set({ removedAt: now })
        .where(
          and(
            eq(applicationDocuments.applicationId, application.id),
            eq(applicationDocuments.kind, kind),
            isNull(applicationDocuments.removedAt),
          ),
        ),
    ],
  };
};

/**
 * A link to /apply/<token>, where several photos can be added at once from the phone's gallery. In LINE with a
 * LIFF app, the link opens the LIFF page instead: LINE tells the server who opened it, and only then is a
 * link made for that LINE user's application (so nothing in the chat works for whoever it is forwarded to).
 */
export const applicationUploadLink: Action = async ({ deps, identity, state, vars }) => {
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  if (!application || !isEditableByGuardian(application.status))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  if (identity.channel === 'line' && deps.config.LINE_LIFF_ID)
    return {
      ok: true,
      messages: [
        {
          type: 'link',
          text: t(state.locale, 'channels.liff_photos.link_text'),
          url: '/liff/apply',
          label: t(state.locale, 'channels.liff_photos.link_label'),
        },
      ],
    };
  const link = await newUploadLink(deps, application.id);
  return {
    ok: true,
    messages: [
      {
        type: 'link',
        text: t(state.locale, 'flows.apply.page_link_text'),
        url: `${deps.config.PUBLIC_URL ?? ''}${link.path}`,
        label: t(state.locale, 'flows.apply.page_link_label'),
      },
    ],
    statements: [link.statement],
  };
};

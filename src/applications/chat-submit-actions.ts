import { and, desc, eq } from 'drizzle-orm';
import type { Action } from '../conversation/actions/action.js';
import { applications, students } from '../db/schema.js';
import { t } from '../i18n/index.js';
import { maskName } from '../util/mask.js';
import { documentLabel, routeNext } from './chat-route.js';
import { applicationOfIdentity, currentDocuments, parseList } from './draft-store.js';
import { programmeName } from './programme-name.js';
import { needsFamilyMembers, requiredDocuments } from './required-documents.js';
import { isEditableByGuardian } from './review-chain.js';
import { moveStatements } from './transition-application.js';

/** Everything the guardian is about to send, to read over before submitting; and what they may change. */
export const applicationSummary: Action = async ({ deps, identity, state, vars }) => {
  const { locale } = state;
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  if (!application || !isEditableByGuardian(application.status))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  const categories = parseList(application.categories);
  const documents = await currentDocuments(deps, application.id);
  const kinds = requiredDocuments(categories);
  const lines = [
    t(locale, 'flows.apply.summary_programme', {
      programme: await programmeName(deps, application.catalogId, application.programmeId, locale),
    }),
    t(locale, 'flows.apply.summary_resident_id', { id: application.residentIdMasked ?? '' }),
    t(locale, 'flows.apply.summary_categories', {
      categories: categories.map((id) => t(locale, `policy.category.${id}`)).join('、'),
    }),
    t(locale, 'flows.apply.summary_situation', { situation: application.situation ?? '' }),
    ...(needsFamilyMembers(categories)
      ? [
          t(locale, 'flows.apply.summary_family', {
            family: parseList(application.familyMembers).join('；'),
          }),
        ]
      : []),
    ...kinds.map((kind) =>
      t(locale, 'flows.apply.summary_document', {
        document: documentLabel(locale, kind),
        count: documents.filter((row) => row.kind === kind).length,
      }),
    ),
    t(locale, 'flows.apply.summary_pledge'),
  ];
  const editOptions = [
    { value: 'resident_id', label: t(locale, 'applications.field.resident_id') },
    { value: 'categories', label: t(locale, 'applications.field.categories') },
    { value: 'situation', label: t(locale, 'applications.field.situation') },
    ...(needsFamilyMembers(categories)
      ? [{ value: 'family', label: t(locale, 'applications.field.family') }]
      : []),
  ];
  const photoOptions = kinds.map((kind) => ({ value: kind, label: documentLabel(locale, kind) }));
  return {
    ok: true,
    vars: { editOptions, photoOptions },
    messages: [
      {
        type: 'card',
        title: t(locale, 'flows.apply.summary_title'),
        body: lines.join('\n'),
        buttons: [],
      },
    ],
  };
};

/** Sends the application to the class teacher: only when nothing is missing, in one atomic write. */
export const applicationSubmit: Action = async ({ deps, identity, state, vars }) => {
  const { locale } = state;
  const application = await applicationOfIdentity(deps, identity, vars.applicationId);
  if (!application || !isEditableByGuardian(application.status))
    return { ok: false, errorKey: 'flows.apply.not_editable' };
  const route = await routeNext(
    deps,
    application,
    { ...vars, studentConfirmed: 'yes', categoriesAsked: true },
    locale,
  );
  if (route.next !== 'summary') {
    return {
      ok: true,
      next: route.next,
      vars: route.vars,
      messages: [{ type: 'text', text: t(locale, 'flows.apply.still_missing') }],
    };
  }
  const move = await moveStatements(
    deps,
    application,
    'submitted',
    { submittedAt: deps.clock.now(), returnReason: null, returnFields: null, uploadTokenHash: null, locale },
    {
      action: 'submit',
      actorType: 'guardian',
      actorId: identity.id,
      role: 'guardian',
      comment: null,
      ip: null,
      reason: null,
      notify: false,
    },
  );
  const name = await programmeName(deps, application.catalogId, application.programmeId, locale);
  return {
    ok: true,
    statements: move.statements,
    vars: { applicationId: null },
    messages: [{ type: 'text', text: t(locale, 'flows.apply.submitted', { programme: name }) }],
  };
};

/** 申请进度 from the menu: each of this guardian's applications with where it is now. */
export const applicationStatusList: Action = async ({ deps, identity, state }) => {
  const { locale } = state;
  const rows = await deps.database.db
    .select({ application: applications, studentName: students.name })
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .where(and(eq(applications.channel, identity.channel), eq(applications.identity, identity.id)))
    .orderBy(desc(applications.updatedAt))
    .limit(20);
  if (rows.length === 0)
    return { ok: true, messages: [{ type: 'text', text: t(locale, 'flows.applications.none') }] };
  const lines: string[] = [];
  for (const { application, studentName } of rows) {
    lines.push(
      t(locale, 'flows.applications.line', {
        child: maskName(studentName),
        programme: await programmeName(deps, application.catalogId, application.programmeId, locale),
        status: t(locale, `applications.status.${application.status}`),
      }),
    );
    if (application.status === 'returned' && application.returnReason)
      lines.push(t(locale, 'applications.status_message.reason', { reason: application.returnReason }));
    if (application.status === 'rejected' && application.rejectReason)
      lines.push(t(locale, 'applications.status_message.reason', { reason: application.rejectReason }));
  }
  return {
    ok: true,
    messages: [
      { type: 'card', title: t(locale, 'flows.applications.title'), body: lines.join('\n'), buttons: [] },
    ],
  };
};

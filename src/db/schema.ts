import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// One sqlite-core schema for both runtimes (D1 and better-sqlite3).
// Times are epoch milliseconds; ids are random text ids (see src/util/ids.ts).

export const districts = sqliteTable('districts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const schools = sqliteTable(
  'schools',
  {
    id: text('id').primaryKey(),
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    /** Stage ids from the aid reference: preschool, primary, junior_secondary, senior_secondary, vocational_secondary. */
    stage: text('stage').notNull(),
    ownership: text('ownership', { enum: ['public', 'private'] }).notNull(),
    residence: text('residence', { enum: ['rural', 'urban'] }).notNull(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    /** Set when the district closes the school: its data is kept, its staff can no longer log in. */
    closedAt: integer('closed_at'),
  },
  (table) => [index('schools_district_idx').on(table.districtId)],
);

export const classes = sqliteTable(
  'classes',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    grade: integer('grade').notNull(),
    name: text('name').notNull(),
    /** e.g. "2026-2027" */
    schoolYear: text('school_year').notNull(),
    term: text('term', { enum: ['spring', 'autumn'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** Archived classes (graduated, merged, created by mistake) keep their roster but leave every list. */
    archivedAt: integer('archived_at'),
  },
  (table) => [uniqueIndex('classes_school_name_year_uq').on(table.schoolId, table.schoolYear, table.name)],
);

/** A school's 学年/学期 with its dates (YYYY-MM-DD), set by the aid officer; classes belong to one. */
export const schoolTerms = sqliteTable(
  'school_terms',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    /** e.g. "2026-2027" */
    schoolYear: text('school_year').notNull(),
    term: text('term', { enum: ['spring', 'autumn'] }).notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('school_terms_school_year_term_uq').on(table.schoolId, table.schoolYear, table.term),
  ],
);

export const students = sqliteTable(
  'students',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    classId: text('class_id')
      .notNull()
      .references(() => classes.id),
    studentNumber: text('student_number').notNull(),
    name: text('name').notNull(),
    boarding: integer('boarding', { mode: 'boolean' }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Set when the student's grade graduates at the end of the school year. */
    graduatedAt: integer('graduated_at'),
  },
  (table) => [
    uniqueIndex('students_school_number_uq').on(table.schoolId, table.studentNumber),
    index('students_class_idx').on(table.classId),
  ],
);

export const guardians = sqliteTable('guardians', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  createdAt: integer('created_at').notNull(),
});

export const studentGuardians = sqliteTable(
  'student_guardians',
  {
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    guardianId: text('guardian_id')
      .notNull()
      .references(() => guardians.id),
    relation: text('relation', {
      enum: ['father', 'mother', 'grandparent', 'maternal_grandparent', 'other_guardian'],
    }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.studentId, table.guardianId] }),
    index('student_guardians_guardian_idx').on(table.guardianId),
  ],
);

export const staffAccounts = sqliteTable('staff_accounts', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', {
    enum: ['class_teacher', 'school_officer', 'school_leader', 'principal', 'district_officer'],
  }).notNull(),
  schoolId: text('school_id').references(() => schools.id),
  districtId: text('district_id').references(() => districts.id),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const staffClasses = sqliteTable(
  'staff_classes',
  {
    staffId: text('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    classId: text('class_id')
      .notNull()
      .references(() => classes.id),
  },
  (table) => [primaryKey({ columns: [table.staffId, table.classId] })],
);

/**
 * How every table spells a chat channel: conversations, guardian_bindings, inbox_threads, applications, outbox
 * (plus `none`), notice_receipts (plus `paper`) and channel_identities. WeChat is one channel whether the parent
 * writes to the school's Official Account or to a Wechaty bot; the address tells them apart.
 *
 * A person's **address** on a channel is how those tables name them (conversations.channel_user_id,
 * guardian_bindings.identity, inbox_threads.identity, applications.identity, outbox.address,
 * channel_identities.address):
 * - `web`: the conversation id (web chat has no account; conversations.channel_user_id is null);
 * - `line`: the LINE userId;
 * - `wechat`: `oa:<OpenID>` for an Official Account follower, `wy:<contact id>` for a Wechaty contact.
 */
export const CHAT_CHANNELS = ['web', 'line', 'wechat'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: CHAT_CHANNELS }).notNull(),
    /** The person's address on LINE or WeChat (see CHAT_CHANNELS); null for web chat, which uses a token. */
    channelUserId: text('channel_user_id'),
    /** SHA-256 of the web chat bearer token; the token itself is never stored. */
    tokenHash: text('token_hash'),
    /** Versioned JSON (see src/conversation/conversation-state.ts); migrated when read. */
    state: text('state').notNull(),
    /** A fresh random value on every write: a write that read an older revision is refused (optimistic locking). */
    revision: text('revision').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [uniqueIndex('conversations_channel_user_uq').on(table.channel, table.channelUserId)],
);

export const chatMessages = sqliteTable(
  'chat_messages',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** JSON of an inbound event or a rendered outbound message. */
    payload: text('payload').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('chat_messages_conversation_idx').on(table.conversationId, table.seq)],
);

export const chatUploads = sqliteTable(
  'chat_uploads',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    blobKey: text('blob_key').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('chat_uploads_conversation_idx').on(table.conversationId),
    // The retention job looks for old photos nobody refers to.
    index('chat_uploads_created_idx').on(table.createdAt),
  ],
);

/** Questions parents leave for the school's aid officer through the "contact" flow. */
export const inquiries = sqliteTable('inquiries', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id')
    .notNull()
    .references(() => conversations.id),
  topic: text('topic').notNull(),
  message: text('message').notNull(),
  uploadId: text('upload_id').references(() => chatUploads.id),
  status: text('status', { enum: ['open', 'answered', 'closed'] })
    .notNull()
    .default('open'),
  createdAt: integer('created_at').notNull(),
});

/** Console log-ins. The cookie holds a random token; only its SHA-256 is stored. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** Per-session secret echoed in every state-changing form (CSRF protection). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('staff_sessions_staff_idx').on(table.staffId)],
);

/**
 * Bearer tokens for the staff JSON API (/api/staff/…), each made by a staff member in the console for a script
 * or a reporting tool. Only the SHA-256 is stored. A token acts as its owner with the role recorded here and
 * stops working when revoked, expired, or when the owner's role no longer matches or the account is disabled.
 */
export const staffApiTokens = sqliteTable(
  'staff_api_tokens',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** What the owner said it is for, e.g. "学期统计表格". */
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, shown so people can tell their tokens apart. */
    hint: text('hint').notNull(),
    role: text('role', {
      enum: ['class_teacher', 'school_officer', 'school_leader', 'principal', 'district_officer'],
    }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (table) => [index('staff_api_tokens_staff_idx').on(table.staffId)],
);

/** One-time codes a guardian types in chat to link their chat identity to a student. Stored hashed. */
export const bindingCodes = sqliteTable(
  'binding_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    createdBy: text('created_by').references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /** The binding this code created; lets that insert check it really won the code. */
    usedBy: text('used_by'),
    revokedAt: integer('revoked_at'),
    /** The print (slip sheet) this code was issued on; null for codes issued before prints were kept. */
    printId: text('print_id'),
  },
  (table) => [
    index('binding_codes_student_idx').on(table.studentId),
    index('binding_codes_print_idx').on(table.printId),
  ],
);

/**
 * One press of "print slips": which students got a new slip, so reloading the page shows the same slips
 * instead of issuing new ones. The plain codes are sealed with a key derived from the printing staff
 * session's cookie token, which the database never holds (see src/slips/seal-codes.ts).
 */
export const slipPrints = sqliteTable(
  'slip_prints',
  {
    id: text('id').primaryKey(),
    classId: text('class_id')
      .notNull()
      .references(() => classes.id),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    /** AES-GCM sealed JSON `{ studentId: code }`; readable only with the printing session's token. */
    sealedCodes: text('sealed_codes').notNull(),
    studentCount: integer('student_count').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('slip_prints_class_idx').on(table.classId, table.createdAt)],
);

/** A chat identity (a web chat conversation, a LINE user, a WeChat contact) acting as a student's guardian. */
export const guardianBindings = sqliteTable(
  'guardian_bindings',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: CHAT_CHANNELS }).notNull(),
    /** The person's address on the channel (see CHAT_CHANNELS). */
    identity: text('identity').notNull(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    /** The roster guardian this person said they are, when they picked one. */
    guardianId: text('guardian_id').references(() => guardians.id),
    relation: text('relation', {
      enum: ['father', 'mother', 'grandparent', 'maternal_grandparent', 'other_guardian'],
    }).notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (table) => [
    index('guardian_bindings_identity_idx').on(table.channel, table.identity),
    index('guardian_bindings_student_idx').on(table.studentId),
  ],
);

/** Who did what, when: log-ins, roster changes, bindings, role changes and every look at a student's record. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorType: text('actor_type', { enum: ['staff', 'guardian', 'anonymous', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The school the event concerns, so officers see their own school's log. */
    schoolId: text('school_id'),
    details: text('details'),
    ip: text('ip'),
  },
  (table) => [
    index('audit_log_school_at_idx').on(table.schoolId, table.at),
    index('audit_log_at_idx').on(table.at),
  ],
);

/**
 * Fixed-window attempt counters for log-ins and binding codes, counted before the work they guard (see
 * src/util/rate-limit.ts). A window that ended with its limit reached makes the next one longer (windowMs).
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
    /** Length of the current window; null in rows written before windows could grow. */
    windowMs: integer('window_ms'),
  },
  (table) => [index('rate_limits_window_idx').on(table.windowStart)],
);

/** An uploaded roster waiting for the officer to confirm its preview; the file itself is in the blob store. */
export const rosterImports = sqliteTable('roster_imports', {
  id: text('id').primaryKey(),
  schoolId: text('school_id')
    .notNull()
    .references(() => schools.id),
  uploadedBy: text('uploaded_by')
    .notNull()
    .references(() => staffAccounts.id),
  fileName: text('file_name').notNull(),
  blobKey: text('blob_key').notNull(),
  status: text('status', { enum: ['pending', 'committed', 'discarded'] }).notNull(),
  summary: text('summary'),
  createdAt: integer('created_at').notNull(),
  committedAt: integer('committed_at'),
  /** When the retention job deleted the file from the blob store (names and phones are kept no longer). */
  fileDeletedAt: integer('file_deleted_at'),
});

/**
 * Policy catalogue versions uploaded by a district officer. An upload waits unconfirmed (confirmedAt null)
 * until the officer confirms its preview. Answers use the newest confirmed, active version of a catalogue id,
 * else the shipped one; older versions are kept and can be viewed.
 */
export const policyCatalogs = sqliteTable(
  'policy_catalogs',
  {
    id: text('id').primaryKey(),
    catalogId: text('catalog_id').notNull(),
    version: text('version').notNull(),
    /** The catalogue exactly as uploaded (validated with parseCatalog before it is stored). */
    json: text('json').notNull(),
    fileName: text('file_name'),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
    confirmedAt: integer('confirmed_at'),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [index('policy_catalogs_catalog_idx').on(table.catalogId, table.active, table.confirmedAt)],
);

/**
 * Never holds a row. Inserting NULL into it fails, which aborts an atomic write: see src/db/write-guard.ts.
 * (D1 batches cannot branch, so a failed check has to be an error to roll the whole batch back.)
 */
export const writeGuards = sqliteTable('write_guards', {
  mustNotBeNull: integer('must_not_be_null').notNull(),
});

/**
 * A parent's conversation with the school about one child (or with the district aid centre when no child is
 * bound): the staff inbox shows one thread per parent and recipient. `new` waits for staff, `answered` has
 * a reply, `closed` is done (a later message from the parent opens a new thread).
 */
export const inboxThreads = sqliteTable(
  'inbox_threads',
  {
    id: text('id').primaryKey(),
    /** The parent's chat identity (as in guardian_bindings) and the conversation replies are delivered to. */
    channel: text('channel', { enum: CHAT_CHANNELS }).notNull(),
    identity: text('identity').notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** `class`: the child's class teacher and the school's aid officer; `district`: the district aid centre. */
    audience: text('audience', { enum: ['class', 'district'] }).notNull(),
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    schoolId: text('school_id').references(() => schools.id),
    classId: text('class_id').references(() => classes.id),
    studentId: text('student_id').references(() => students.id),
    relation: text('relation', {
      enum: ['father', 'mother', 'grandparent', 'maternal_grandparent', 'other_guardian'],
    }),
    topic: text('topic').notNull(),
    status: text('status', { enum: ['new', 'answered', 'closed'] })
      .notNull()
      .default('new'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** When the parent last wrote: a staff member who read the thread before this has something unread. */
    lastGuardianAt: integer('last_guardian_at').notNull(),
  },
  (table) => [
    index('inbox_threads_school_idx').on(table.schoolId, table.status),
    index('inbox_threads_district_idx').on(table.districtId, table.audience, table.status),
    index('inbox_threads_conversation_idx').on(table.conversationId, table.status),
  ],
);

export const inboxMessages = sqliteTable(
  'inbox_messages',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => inboxThreads.id),
    author: text('author', { enum: ['guardian', 'staff'] }).notNull(),
    staffId: text('staff_id').references(() => staffAccounts.id),
    topic: text('topic'),
    body: text('body').notNull(),
    uploadId: text('upload_id').references(() => chatUploads.id),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('inbox_messages_thread_idx').on(table.threadId, table.createdAt)],
);

/** When each staff member last opened each thread (unread counts). */
export const inboxReads = sqliteTable(
  'inbox_reads',
  {
    threadId: text('thread_id')
      .notNull()
      .references(() => inboxThreads.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    readAt: integer('read_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.threadId, table.staffId] })],
);

// ---------------------------------------------------------------------------------------------------------------
// Delivery pipeline (src/delivery/): durable jobs and the outbox every message to a family goes through.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Background work that must survive restarts. On Node an in-process worker claims due rows with a lease; on
 * Workers a Cloudflare Queue message carries the row id and this table keeps the state staff see.
 * `idempotencyKey` is unique: enqueueing the same work twice stores it once.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** The job as JSON (validated with jobSchema when it runs). */
    payload: text('payload').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['queued', 'running', 'done', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** Not before this time (epoch ms): first run, or the next retry after a backoff. */
    runAt: integer('run_at').notNull(),
    /** While running: when the claim expires and another worker may take the job over (a crashed run). */
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (table) => [index('jobs_due_idx').on(table.status, table.runAt)],
);

/**
 * One message to one recipient on one channel: a notice version, a reminder, an application status change, an
 * inbox reply. `groupId` gathers the rows of one send (a notice version, a reminder round) for progress and stats.
 * Delivery status: queued → sent → delivered, or failed (reason), or no_channel (nobody to send it to).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** e.g. `notice:<recipientId>:web`: the same message is recorded once however often a job runs. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** What kind of message: notice, notice_reminder, application_status, inbox_reply, … */
    topic: text('topic').notNull(),
    groupId: text('group_id').notNull(),
    /** The row of the feature the message is about (a notice recipient, an application, an inbox thread). */
    subjectId: text('subject_id').notNull(),
    schoolId: text('school_id').notNull(),
    channel: text('channel', { enum: [...CHAT_CHANNELS, 'none'] }).notNull(),
    /** The recipient's address on the channel (see CHAT_CHANNELS); null for no_channel. */
    address: text('address'),
    /** The channel-neutral messages to send (OutboundMessage[] as JSON, already in the recipient's language). */
    payload: text('payload').notNull(),
    /**
     * Where to try next when this row fails (the same person's other channels, most preferred first): JSON
     * `{ channel, address, payload }[]`, or null. The row that failed stays, so the outbox shows every attempt.
     */
    fallbacks: text('fallbacks'),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'failed', 'no_channel'] }).notNull(),
    failReason: text('fail_reason'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    sentAt: integer('sent_at'),
    deliveredAt: integer('delivered_at'),
  },
  (table) => [
    index('outbox_group_status_idx').on(table.groupId, table.status),
    index('outbox_subject_idx').on(table.subjectId),
    index('outbox_address_idx').on(table.channel, table.address),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Notices (src/notices/): 明白卡 / 告知书 / free text, their versions, recipients and signed receipts.
// ---------------------------------------------------------------------------------------------------------------

/** A notice as staff see it in the list; its text lives in versions. */
export const notices = sqliteTable(
  'notices',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    kind: text('kind', { enum: ['policy_card', 'funding_notice', 'free_text'] }).notNull(),
    /** JSON: { scope: 'school' } | { scope: 'grades', grades: number[] } | { scope: 'classes', classIds: string[] } */
    audience: text('audience').notNull(),
    /** The newest version (draft or sent). */
    currentVersion: integer('current_version').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('notices_school_idx').on(table.schoolId, table.createdAt)],
);

/**
 * One version of a notice's content. A draft may be edited; once sent it never changes and carries
 * `contentHash` (SHA-256 of its canonical content), which every receipt quotes.
 */
export const noticeVersions = sqliteTable(
  'notice_versions',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'sent'] }).notNull(),
    title: text('title').notNull(),
    /** The language the notice is written in (for 朗读 and the page's lang). */
    locale: text('locale', { enum: ['zh-CN', 'zh-TW', 'en'] }).notNull(),
    confirmation: text('confirmation', { enum: ['read', 'confirm', 'sign'] }).notNull(),
    /** JSON NoticeContent (src/notices/notice-content.ts): sections, programmes, per-student rows, the check. */
    content: text('content').notNull(),
    /** JSON list of what changed since the previous sent version, shown to guardians first. */
    changes: text('changes'),
    contentHash: text('content_hash'),
    createdBy: text('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    sentAt: integer('sent_at'),
    sentBy: text('sent_by').references(() => staffAccounts.id),
  },
  (table) => [uniqueIndex('notice_versions_notice_version_uq').on(table.noticeId, table.version)],
);

/**
 * Who a sent version is for: one row per guardian per student (a family no channel reaches gets one row with
 * no guardian and a no_channel outbox row, so 知晓率 counts every family). Progress: read → understood → signed.
 * `guardianKey` is the roster guardian id, or `binding:<id>` when the parent did not say which guardian they are.
 */
export const noticeRecipients = sqliteTable(
  'notice_recipients',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    versionId: text('version_id')
      .notNull()
      .references(() => noticeVersions.id),
    schoolId: text('school_id').notNull(),
    classId: text('class_id').notNull(),
    grade: integer('grade').notNull(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    guardianKey: text('guardian_key').notNull(),
    guardianId: text('guardian_id'),
    bindingId: text('binding_id'),
    relation: text('relation'),
    /** The unguessable part of the guardian's link /n/<token>; reminders send the same link again. */
    token: text('token').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
    /** Passed the comprehension check (or the notice has none and the guardian confirmed). */
    understoodAt: integer('understood_at'),
    confirmedAt: integer('confirmed_at'),
    signedAt: integer('signed_at'),
  },
  (table) => [
    uniqueIndex('notice_recipients_version_family_uq').on(
      table.versionId,
      table.studentId,
      table.guardianKey,
    ),
    index('notice_recipients_version_class_idx').on(table.versionId, table.classId),
    index('notice_recipients_notice_family_idx').on(table.noticeId, table.studentId, table.guardianKey),
  ],
);

/**
 * The proof a guardian was told (回执): who, for which student, which version (and its hash), when, through
 * which channel, and the signature (SVG and PNG in the blob store). One per guardian per student per version.
 * When a newer version is sent, `supersededAt` marks the receipt as for the old content.
 */
export const noticeReceipts = sqliteTable(
  'notice_receipts',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    versionId: text('version_id')
      .notNull()
      .references(() => noticeVersions.id),
    contentHash: text('content_hash').notNull(),
    recipientId: text('recipient_id').references(() => noticeRecipients.id),
    schoolId: text('school_id').notNull(),
    classId: text('class_id').notNull(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    guardianKey: text('guardian_key').notNull(),
    guardianId: text('guardian_id'),
    relation: text('relation'),
    channel: text('channel', { enum: [...CHAT_CHANNELS, 'paper'] }).notNull(),
    /** JSON answers to the comprehension check, as given. */
    answers: text('answers'),
    confirmedAt: integer('confirmed_at').notNull(),
    signedAt: integer('signed_at'),
    signatureSvgKey: text('signature_svg_key'),
    signaturePngKey: text('signature_png_key'),
    /** Paper receipts: the photo of the signed slip, and the staff member who recorded it. */
    paperPhotoKey: text('paper_photo_key'),
    recordedBy: text('recorded_by').references(() => staffAccounts.id),
    supersededAt: integer('superseded_at'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('notice_receipts_version_family_uq').on(table.versionId, table.studentId, table.guardianKey),
    index('notice_receipts_notice_idx').on(table.noticeId, table.classId),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Notice reminders (src/notices/reminders/): one-tap and scheduled reminders to families who have not confirmed.
// ---------------------------------------------------------------------------------------------------------------

/**
 * One reminder round: a teacher's "提醒未确认家长" for a notice (optionally one class), or a scheduled one
 * (`scheduled:<versionId>:<hours>`, so the scheduler creating it twice creates it once). The job runs it outside
 * quiet hours; its outbox rows have `groupId` = this id.
 */
export const noticeReminderRounds = sqliteTable(
  'notice_reminder_rounds',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    versionId: text('version_id')
      .notNull()
      .references(() => noticeVersions.id),
    kind: text('kind', { enum: ['manual', 'scheduled'] }).notNull(),
    /** Only this class's families (a class teacher's tap), or null for every class the requester may see. */
    classIds: text('class_ids').notNull(),
    requestedBy: text('requested_by').references(() => staffAccounts.id),
    status: text('status', { enum: ['waiting', 'done'] }).notNull(),
    /** Families reminded (filled in when the round has run). */
    reminded: integer('reminded'),
    createdAt: integer('created_at').notNull(),
    ranAt: integer('ran_at'),
  },
  (table) => [index('notice_reminder_rounds_notice_idx').on(table.noticeId, table.createdAt)],
);

/**
 * Each reminder a family got, numbered per guardian per student per notice. `(noticeId, studentId,
 * guardianKey, seq)` is unique and `seq` never exceeds MAX_REMINDERS_PER_NOTICE, so two rounds running at
 * once cannot both take the last slot; `(roundId, recipientId)` is unique, so a round run twice reminds once.
 */
export const noticeReminderSends = sqliteTable(
  'notice_reminder_sends',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => noticeReminderRounds.id),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => noticeRecipients.id),
    noticeId: text('notice_id').notNull(),
    studentId: text('student_id').notNull(),
    guardianKey: text('guardian_key').notNull(),
    seq: integer('seq').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.roundId, table.recipientId] }),
    uniqueIndex('notice_reminder_sends_slot_uq').on(
      table.noticeId,
      table.studentId,
      table.guardianKey,
      table.seq,
    ),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Aid applications (src/applications/): the guardian's application, its document photos, the review chain's
// history, 公示 lists with their objections, and the awards of the 台账.
// ---------------------------------------------------------------------------------------------------------------

/** The review chain's states (src/applications/review-chain.ts says how they follow one another). */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'teacher_approved',
  'leader_approved',
  'principal_approved',
  'publicised',
  'reported',
  'paid',
  'archived',
  'returned',
  'rejected',
] as const;

/**
 * One application for one programme for one student, from one guardian's chat identity. A draft while the
 * guardian fills it in (the flow's answers are written here as they come, so a restart loses nothing); then it
 * moves along the review chain (src/applications/review-chain.ts). `revision` grows on every change: every write
 * is `… where status = ? and revision = ?`, so two officers acting at once produce one transition.
 */
export const applications = sqliteTable(
  'applications',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    classId: text('class_id')
      .notNull()
      .references(() => classes.id),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id),
    /** e.g. "2026-2027:autumn": the term whose 台账 the award belongs to. */
    termKey: text('term_key').notNull(),
    programmeId: text('programme_id').notNull(),
    catalogId: text('catalog_id').notNull(),
    /** The guardian's chat identity (as in guardian_bindings) and the conversation status messages go to. */
    channel: text('channel', { enum: CHAT_CHANNELS }).notNull(),
    identity: text('identity').notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    bindingId: text('binding_id').references(() => guardianBindings.id),
    relation: text('relation').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'zh-TW', 'en'] }).notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    revision: integer('revision').notNull().default(0),
    /** JSON list of household category ids. */
    categories: text('categories').notNull().default('[]'),
    /** The family's situation in the parent's own words: never on a 公示 list, never in a class-wide message. */
    situation: text('situation'),
    /** JSON list of { name, relation, occupation } as the parent wrote them. */
    familyMembers: text('family_members'),
    /** 身份证号 encrypted with the resident-id vault (context: the application id), its blind index and mask. */
    residentIdEnc: text('resident_id_enc'),
    residentIdIndex: text('resident_id_index'),
    residentIdMasked: text('resident_id_masked'),
    pledgedAt: integer('pledged_at'),
    consentedAt: integer('consented_at'),
    /** Unguessable part of /apply/<token> (the multi-photo page); only its SHA-256 is stored. */
    uploadTokenHash: text('upload_token_hash'),
    /** 档次 label key (e.g. tier_1) and yearly amount in yuan, set by the school from the catalogue. */
    tier: text('tier'),
    amount: integer('amount'),
    /** When returned: the reason the guardian reads and the fields (JSON list) the flow reopens. */
    returnReason: text('return_reason'),
    returnFields: text('return_fields'),
    rejectReason: text('reject_reason'),
    submittedAt: integer('submitted_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('applications_school_status_idx').on(table.schoolId, table.status),
    index('applications_class_idx').on(table.classId, table.status),
    index('applications_identity_idx').on(table.channel, table.identity),
    index('applications_resident_id_idx').on(table.residentIdIndex),
    uniqueIndex('applications_upload_token_uq').on(table.uploadTokenHash),
  ],
);

/** A photo of one document of an application (several per document allowed); `removedAt` once replaced. */
export const applicationDocuments = sqliteTable(
  'application_documents',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    /** Document kind id (src/applications/required-documents.ts), e.g. household_register. */
    kind: text('kind').notNull(),
    uploadId: text('upload_id')
      .notNull()
      .references(() => chatUploads.id),
    /** What the metadata stripper removed (JSON list), for the audit trail. */
    removed: text('removed'),
    createdAt: integer('created_at').notNull(),
    removedAt: integer('removed_at'),
  },
  (table) => [index('application_documents_application_idx').on(table.applicationId, table.kind)],
);

/** Every status change of an application: who (and in which role), from what to what, with their comment. */
export const applicationTransitions = sqliteTable(
  'application_transitions',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type', { enum: ['staff', 'guardian', 'system'] }).notNull(),
    actorId: text('actor_id'),
    role: text('role'),
    comment: text('comment'),
    at: integer('at').notNull(),
  },
  (table) => [index('application_transitions_application_idx').on(table.applicationId, table.at)],
);

/** Per-school choices for applications: discreet review and the 公示 period. */
export const applicationSettings = sqliteTable('application_settings', {
  schoolId: text('school_id')
    .primaryKey()
    .references(() => schools.id),
  /** Class teachers see document photos only when the school turns this on. */
  teacherSeesPhotos: integer('teacher_sees_photos', { mode: 'boolean' }).notNull().default(false),
  publicityWorkingDays: integer('publicity_working_days').notNull().default(5),
  reportPhone: text('report_phone'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * A 公示 list: masked names, class and 档次 only, shown at /gs/<token> from `startsAt` to `endsAt`, then taken
 * down by a scheduled job (`takenDownAt`).
 */
export const publicityLists = sqliteTable(
  'publicity_lists',
  {
    id: text('id').primaryKey(),
    schoolId: text('school_id')
      .notNull()
      .references(() => schools.id),
    title: text('title').notNull(),
    token: text('token').notNull().unique(),
    workingDays: integer('working_days').notNull(),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    reportPhone: text('report_phone').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
    takenDownAt: integer('taken_down_at'),
  },
  (table) => [index('publicity_lists_school_idx').on(table.schoolId, table.createdAt)],
);

/** One line of a 公示 list, copied when it is published: nothing else about the family is ever read by the page. */
export const publicityEntries = sqliteTable(
  'publicity_entries',
  {
    listId: text('list_id')
      .notNull()
      .references(() => publicityLists.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id),
    maskedName: text('masked_name').notNull(),
    className: text('class_name').notNull(),
    /** The programme's name as published (in the deployment's default language). */
    programmeName: text('programme_name').notNull(),
    tier: text('tier').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.listId, table.applicationId] })],
);

/** An 异议 sent from a 公示 page; routed to the school's aid officer. */
export const publicityObjections = sqliteTable(
  'publicity_objections',
  {
    id: text('id').primaryKey(),
    listId: text('list_id')
      .notNull()
      .references(() => publicityLists.id),
    schoolId: text('school_id').notNull(),
    message: text('message').notNull(),
    contact: text('contact'),
    status: text('status', { enum: ['open', 'handled'] })
      .notNull()
      .default('open'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('publicity_objections_school_idx').on(table.schoolId, table.status)],
);

/** The 台账: one award per paid application, with how and when it was paid. */
export const aidAwards = sqliteTable(
  'aid_awards',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id')
      .notNull()
      .unique()
      .references(() => applications.id),
    schoolId: text('school_id').notNull(),
    termKey: text('term_key').notNull(),
    programmeId: text('programme_id').notNull(),
    tier: text('tier').notNull(),
    amount: integer('amount').notNull(),
    /** YYYY-MM-DD */
    paidOn: text('paid_on').notNull(),
    paymentChannel: text('payment_channel').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => staffAccounts.id),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('aid_awards_school_term_idx').on(table.schoolId, table.termKey)],
);

// ---------------------------------------------------------------------------------------------------------------
// Channels (src/channels/): the people behind chat identities, whatever app they write from.
// ---------------------------------------------------------------------------------------------------------------

/**
 * One person on one channel and the conversation they talk in: a LINE user, an Official Account follower, a
 * Wechaty contact. `channel` and `address` are spelled as everywhere else (CHAT_CHANNELS), so the guardian a
 * person bound as is found through guardian_bindings (channel, identity) = (channel, address). A guardian who
 * binds the same child from two channels is one guardian with two identities (src/notices/fan-out-notice.ts
 * groups them): notices go to the one used most recently that can be reached, and fall back to the others.
 * Web chat conversations need no row: the conversation is the identity, and it is always reachable.
 */
export const channelIdentities = sqliteTable(
  'channel_identities',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: CHAT_CHANNELS }).notNull(),
    /** The person's address (see CHAT_CHANNELS): the LINE userId, `oa:<OpenID>`, `wy:<contact id>`. */
    address: text('address').notNull(),
    /** The platform's own id for them, as its API wants it: LINE userId, OpenID, Wechaty contact id. */
    externalId: text('external_id').notNull(),
    /** WeChat: the Official Account's AppID, or the Wechaty bot's own contact id; null for LINE. */
    account: text('account'),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    createdAt: integer('created_at').notNull(),
    /** Their last message, where a channel needs it: WeChat customer-service messages answer within 48 hours. */
    lastInboundAt: integer('last_inbound_at'),
    /** Set when the person blocked or unfollowed the account: nothing reaches them here until they come back. */
    unreachableSince: integer('unreachable_since'),
  },
  (table) => [
    uniqueIndex('channel_identities_channel_address_uq').on(table.channel, table.address),
    index('channel_identities_conversation_idx').on(table.conversationId),
  ],
);

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
  },
  (table) => [uniqueIndex('classes_school_name_year_uq').on(table.schoolId, table.schoolYear, table.name)],
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

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['web', 'line', 'wechat'] }).notNull(),
    /** The channel's own user id (LINE userId, Wechaty contact id); null for web chat, which uses a token. */
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
  (table) => [index('chat_uploads_conversation_idx').on(table.conversationId)],
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

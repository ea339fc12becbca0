import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import {
  type ChatChannel,
  channelIdentities,
  conversations,
  guardianBindings,
  students,
} from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';

export interface AudiencePupil {
  id: string;
  classId: string;
  name: string;
  studentNumber: string;
}

/** An active binding of a pupil's guardian: one channel that reaches the family. */
export interface AudienceBinding {
  id: string;
  channel: ChatChannel;
  identity: string;
  studentId: string;
  guardianId: string | null;
  relation: string;
  /** The conversation's chosen language, for the card. */
  locale: unknown;
  /** When the person last used this identity's conversation: the most recent one is tried first. */
  activeAt: number | null;
  /** Set when the platform said the person cannot be reached there (unfollowed, blocked). */
  unreachableSince: number | null;
}

/** Statements carry at most this many class ids, well inside D1's 100 bound parameters. */
const CLASSES_PER_QUERY = 90;

/**
 * The pupils of some classes and their guardians' active bindings (oldest first): who a notice is for and
 * which channels reach them. Read by the fan-out and by the reach shown before sending, so both agree.
 */
export async function audienceMembers(
  deps: Pick<AppDeps, 'database'>,
  classIds: readonly string[],
): Promise<{ pupils: AudiencePupil[]; bindings: AudienceBinding[] }> {
  const { db } = deps.database;
  const pupils: AudiencePupil[] = [];
  const bindings: AudienceBinding[] = [];
  for (let start = 0; start < classIds.length; start += CLASSES_PER_QUERY) {
    const some = classIds.slice(start, start + CLASSES_PER_QUERY);
    pupils.push(
      ...(await db
        .select({
          id: students.id,
          classId: students.classId,
          name: students.name,
          studentNumber: students.studentNumber,
        })
        .from(students)
        .where(inArray(students.classId, some))),
    );
    bindings.push(
      ...(await db
        .select({
          id: guardianBindings.id,
          channel: guardianBindings.channel,
          identity: guardianBindings.identity,
          studentId: guardianBindings.studentId,
          guardianId: guardianBindings.guardianId,
          relation: guardianBindings.relation,
          locale: sql<unknown>`json_extract(${conversations.state}, '$.locale')`,
          activeAt: conversations.updatedAt,
          unreachableSince: channelIdentities.unreachableSince,
        })
        .from(guardianBindings)
        .innerJoin(students, eq(students.id, guardianBindings.studentId))
        // Web chat binds the conversation itself; LINE and WeChat bind the person's address (channel_user_id).
        .leftJoin(
          conversations,
          or(
            and(eq(guardianBindings.channel, 'web'), eq(conversations.id, guardianBindings.identity)),
            and(
              ne(guardianBindings.channel, 'web'),
              eq(conversations.channel, guardianBindings.channel),
              eq(conversations.channelUserId, guardianBindings.identity),
            ),
          ),
        )
        .leftJoin(
          channelIdentities,
          and(
            eq(channelIdentities.channel, guardianBindings.channel),
            eq(channelIdentities.address, guardianBindings.identity),
          ),
        )
        .where(and(inArray(students.classId, some), isNull(guardianBindings.revokedAt)))
        .orderBy(asc(guardianBindings.createdAt))),
    );
  }
  return { pupils, bindings };
}

/** Bindings grouped by pupil, keeping their order. */
export function bindingsByStudent(bindings: readonly AudienceBinding[]): Map<string, AudienceBinding[]> {
  const byStudent = new Map<string, AudienceBinding[]>();
  for (const binding of bindings) {
    const list = byStudent.get(binding.studentId);
    if (list) list.push(binding);
    else byStudent.set(binding.studentId, [binding]);
  }
  return byStudent;
}

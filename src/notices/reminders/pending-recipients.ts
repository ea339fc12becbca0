import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { noticeRecipients } from '../../db/schema.js';
import type { AppDeps } from '../../platform/ports.js';

export type Confirmation = 'read' | 'confirm' | 'sign';
export type RecipientRow = typeof noticeRecipients.$inferSelect;

/** Not done yet, by what the version asks: opened (read), confirmed (confirm), or signed (sign). */
export function notDone(confirmation: Confirmation): SQL {
  if (confirmation === 'sign') return isNull(noticeRecipients.signedAt);
  if (confirmation === 'confirm') return isNull(noticeRecipients.confirmedAt);
  return isNull(noticeRecipients.readAt);
}

/** The families of a sent version, in the given classes, who have not done what it asks. */
export async function pendingRecipients(
  deps: Pick<AppDeps, 'database'>,
  versionId: string,
  confirmation: Confirmation,
  classIds: readonly string[],
): Promise<RecipientRow[]> {
  const rows: RecipientRow[] = [];
  // Statements that fit D1's 100 bound parameters, however many classes.
  for (let start = 0; start < classIds.length; start += 90) {
    rows.push(
      ...(await deps.database.db
        .select()
        .from(noticeRecipients)
        .where(
          and(
            eq(noticeRecipients.versionId, versionId),
            inArray(noticeRecipients.classId, classIds.slice(start, start + 90)),
            notDone(confirmation),
          ),
        )),
    );
  }
  return rows;
}

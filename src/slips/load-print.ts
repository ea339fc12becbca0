import { and, asc, eq } from 'drizzle-orm';
import { bindingCodes, slipPrints, students } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { openCodes } from './seal-codes.js';

export type SlipStatus = 'open' | 'used' | 'replaced' | 'expired';

export interface PrintedSlip {
  studentId: string;
  studentName: string;
  /** Null when the page is opened from another session than the one that printed it. */
  code: string | null;
  status: SlipStatus;
}

export interface LoadedPrint {
  id: string;
  classId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  /** False when this session cannot unseal the codes (another log-in, another device). */
  readable: boolean;
  slips: PrintedSlip[];
}

/** A print with each slip's code (for the session that printed it) and what has become of it since. */
export async function loadPrint(
  deps: AppDeps,
  printId: string,
  sessionToken: string,
): Promise<LoadedPrint | null> {
  const { db } = deps.database;
  const [print] = await db.select().from(slipPrints).where(eq(slipPrints.id, printId)).limit(1);
  if (!print) return null;
  const codes = await openCodes(print.id, sessionToken, print.sealedCodes);
  const rows = await db
    .select({
      studentId: bindingCodes.studentId,
      studentName: students.name,
      usedAt: bindingCodes.usedAt,
      revokedAt: bindingCodes.revokedAt,
      expiresAt: bindingCodes.expiresAt,
    })
    .from(bindingCodes)
    .innerJoin(students, eq(students.id, bindingCodes.studentId))
    .where(and(eq(bindingCodes.printId, print.id)))
    .orderBy(asc(students.studentNumber));
  const now = deps.clock.now();
  return {
    id: print.id,
    classId: print.classId,
    createdBy: print.createdBy,
    createdAt: print.createdAt,
    expiresAt: print.expiresAt,
    readable: codes !== null,
    slips: rows.map((row) => ({
      studentId: row.studentId,
      studentName: row.studentName,
      code: codes?.get(row.studentId) ?? null,
      status:
        row.usedAt !== null
          ? 'used'
          : row.revokedAt !== null
            ? 'replaced'
            : row.expiresAt <= now
              ? 'expired'
              : 'open',
    })),
  };
}

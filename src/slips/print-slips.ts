import { issueBindingCodes } from '../binding/binding-service.js';
import { slipPrints } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { newId } from '../util/ids.js';
import { sealCodes } from './seal-codes.js';

export interface PrintRequest {
  staffId: string;
  sessionToken: string;
  classId: string;
  schoolId: string;
  studentIds: readonly string[];
  ip: string | null;
}

/**
 * Issues one new code per chosen student (their earlier open code, and only theirs, is voided) and records
 * the print in the same atomic write, so the print page can be shown again without issuing anything.
 */
export async function printSlips(deps: AppDeps, request: PrintRequest): Promise<string> {
  const printId = newId('pr_');
  const now = deps.clock.now();
  await issueBindingCodes(deps, request.staffId, request.schoolId, request.studentIds, request.ip, {
    id: printId,
    statements: async (codes) => [
      deps.database.db.insert(slipPrints).values({
        id: printId,
        classId: request.classId,
        schoolId: request.schoolId,
        createdBy: request.staffId,
        sealedCodes: await sealCodes(printId, request.sessionToken, codes),
        studentCount: codes.size,
        createdAt: now,
        expiresAt: now + deps.config.BINDING_CODE_DAYS * 86_400_000,
      }),
    ],
  });
  return printId;
}

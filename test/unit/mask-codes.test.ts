import { afterEach, describe, expect, it } from 'vitest';
import { bindingCodeHash } from '../../src/binding/code-hash.js';
import { CODE_MASK, maskBindingCodes, maskBindingCodesInAll } from '../../src/binding/mask-codes.js';
import { bindingCodes, students } from '../../src/db/schema.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool } from '../support/test-school.js';

// Issue 13: what counts as a code-like token is unchanged by the faster pattern, and the rows of one turn are
// checked against the issued codes together.
type Deps = ReturnType<typeof makeTestDeps>['deps'];

/** One student of the test school with the binding code `code` issued, valid for a day. */
async function issueCode(deps: Deps, now: number, code: string): Promise<void> {
  await deps.database.atomic([
    deps.database.db.insert(students).values({
      id: 's1',
      schoolId: 'sch1',
      classId: 'c32',
      studentNumber: '1',
      name: '王小明',
      createdAt: now,
      updatedAt: now,
    }),
    deps.database.db.insert(bindingCodes).values({
      codeHash: await bindingCodeHash(deps.config, code),
      studentId: 's1',
      createdAt: now,
      expiresAt: now + 86_400_000,
    }),
  ]);
}

describe('masking binding codes in transcript rows', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  function harness() {
    const test = makeTestDeps();
    cleanups.push(() => test.close());
    return test;
  }

  it('masks a code only where it stands alone, not inside a longer run of letters or digits', async () => {
    const { deps } = harness();
    const cases: [string, string][] = [
      ['ABCD-EFGH', CODE_MASK],
      ['my code is abcd-efgh.', `my code is ${CODE_MASK}.`],
      ['（ＡＢＣＤＥＦＧＨ）', `（${CODE_MASK}）`],
      ['"text":"ABCDEFGH"', `"text":"${CODE_MASK}"`],
      ['xABCDEFGH', 'xABCDEFGH'],
      ['ABCDEFGH5', 'ABCDEFGH5'],
      ['孩子ABCDEFGH', '孩子ABCDEFGH'],
      // A letter outside the Basic Multilingual Plane before it counts as a letter too.
      ['𠀀ABCDEFGH', '𠀀ABCDEFGH'],
      ['ABCDEFGHJK', 'ABCDEFGHJK'],
      ['AB2D-EFGH and 2345-6789', `${CODE_MASK} and ${CODE_MASK}`],
    ];
    for (const [text, stored] of cases) expect(await maskBindingCodes(deps, text)).toBe(stored);
  });

  it('checks the word-like tokens of all rows in one go, masking only issued ones in each row', async () => {
    const { deps, clock } = harness();
    await createTestSchool(deps);
    const now = clock.now();
    await issueCode(deps, now, 'STUDENTS');
    const masked = await maskBindingCodesInAll(deps, [
      '{"text":"what can teachers get"}',
      '{"text":"my code is students"}',
      '{"value":"messages"}',
      '没有代码',
    ]);
    expect(masked).toEqual([
      '{"text":"what can teachers get"}',
      `{"text":"my code is ${CODE_MASK}"}`,
      '{"value":"messages"}',
      '没有代码',
    ]);
  });

  it('asks about the same text again on every turn: a code issued since is masked in it', async () => {
    const { deps, clock } = harness();
    await createTestSchool(deps);
    const now = clock.now();
    const text = '{"text":"my code is students","value":"messages"}';
    expect(await maskBindingCodes(deps, text)).toBe(text);
    expect(await maskBindingCodes(deps, text)).toBe(text);
    await issueCode(deps, now, 'STUDENTS');
    expect(await maskBindingCodes(deps, text)).toBe(`{"text":"my code is ${CODE_MASK}","value":"messages"}`);
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { preparedStatement } from '../../src/db/prepared-statement.js';
import { conversations } from '../../src/db/schema.js';
import { abortUnlessChanged, isWriteConflict } from '../../src/db/write-guard.js';
import { makeTestDeps } from '../support/test-deps.js';

// Issue 13: a hot write is built by drizzle once and run again with new values, in atomic writes on Node.
describe('prepared statements for atomic writes (Node)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  const rename = preparedStatement<{ revision: string; id: string }>((db, values) =>
    db
      .update(conversations)
      .set({ revision: sql`${values.revision}` })
      .where(eq(conversations.id, values.id)),
  );
  const guard = preparedStatement((db) => abortUnlessChanged(db));

  async function withConversation() {
    const test = makeTestDeps();
    cleanups.push(() => test.close());
    const { database } = test.deps;
    await database.atomic([
      database.db.insert(conversations).values({
        id: 'c1',
        channel: 'web',
        state: '{}',
        revision: 'r0',
        createdAt: 0,
        updatedAt: 0,
      }),
    ]);
    const revision = async () =>
      (await database.db.select().from(conversations).where(eq(conversations.id, 'c1')))[0]?.revision;
    return { database, revision };
  }

  it('runs with each call’s values and reports the rows it changed', async () => {
    const { database, revision } = await withConversation();
    expect(await database.atomic([rename(database, { revision: 'r1', id: 'c1' })])).toEqual([1]);
    expect(await revision()).toBe('r1');
    expect(await database.atomic([rename(database, { revision: 'r2', id: 'c1' })])).toEqual([1]);
    expect(await revision()).toBe('r2');
  });

  it('aborts the whole atomic write when the guarded update changed nothing', async () => {
    const { database, revision } = await withConversation();
    const write = database.atomic([
      rename(database, { revision: 'lost', id: 'c1' }),
      rename(database, { revision: 'never', id: 'no-such-conversation' }),
      guard(database, {}),
    ]);
    await expect(write).rejects.toSatisfy(isWriteConflict);
    expect(await revision()).toBe('r0');
  });

  it('refuses a call that leaves a placeholder without a value', async () => {
    const { database } = await withConversation();
    expect(() => rename(database, { id: 'c1' } as never)).toThrow(/revision/);
  });
});

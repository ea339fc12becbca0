import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBindingCode } from '../../src/binding/binding-code.js';
import { bindingCodeHash } from '../../src/binding/code-hash.js';
import { bindingCodes, chatMessages, inquiries } from '../../src/db/schema.js';
import { loadOrCreateSecret } from '../../src/platform/node/persistent-secret.js';
import { sha256Hex } from '../../src/util/ids.js';
import { ChatClient, lastText } from '../support/chat-client.js';
import {
  bindChild,
  demoTeacher,
  makeSecurityWorld,
  printCodes,
  type SecurityWorld,
} from '../support/security-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

// Issue 7, defect 12: codes are keyed with a server-side secret, and never kept in clear in the transcript.
describe('binding codes at rest', () => {
  let world: SecurityWorld;
  let codes: Map<string, string>;
  beforeEach(async () => {
    world = await makeSecurityWorld();
    codes = await printCodes(await demoTeacher(world.fetcher), 'demo_p3_2');
  });
  afterEach(() => world.harness.close());

  const transcript = async () =>
    JSON.stringify(await world.deps.database.db.select().from(chatMessages)) +
    JSON.stringify(await world.deps.database.db.select().from(inquiries));
  const expectNowhere = (dump: string, code: string) => {
    for (const form of [
      code,
      code.toLowerCase(),
      formatBindingCode(code),
      formatBindingCode(code).toLowerCase(),
    ])
      expect(dump).not.toContain(form);
  };

  it('stores an HMAC under the server secret, not a bare SHA-256', async () => {
    const code = codes.get('demo_s1')!;
    const rows = await world.deps.database.db.select().from(bindingCodes);
    const stored = new Set(rows.map((row) => row.codeHash));
    expect(stored.has(await bindingCodeHash(world.deps.config, code))).toBe(true);
    expect(stored.has(await sha256Hex(code))).toBe(false);
    // The same code under another secret is another hash: the database alone does not give it away.
    expect(await bindingCodeHash({ BINDING_CODE_SECRET: 'x'.repeat(32) }, code)).not.toBe(
      await bindingCodeHash(world.deps.config, code),
    );
  });

  it('still accepts a code printed before codes were keyed, until it expires', async () => {
    const legacy = 'HJKM2345';
    const now = world.clock.now();
    await world.deps.database.db.insert(bindingCodes).values({
      codeHash: await sha256Hex(legacy),
      studentId: 'demo_s2',
      createdAt: now,
      expiresAt: now + 86_400_000,
    });
    const parent = new ChatClient(world.fetcher);
    await parent.start();
    expect(lastText(await bindChild(parent, legacy))).toBeTruthy();
  });

  it('masks a code typed outside the code step, in every stored message and in a question to the officer', async () => {
    const code = codes.get('demo_s1')!;
    const other = codes.get('demo_s2')!;
    const parent = new ChatClient(world.fetcher);
    await parent.start();
    // At the main menu, where nobody asked for it, in lower case…
    await parent.text(`老师给的码是 ${code.toLowerCase()}，怎么用？`);
    // …and inside a message to the aid officer, as printed on the slip (and so echoed in the confirmation).
    await parent.text('菜单');
    await parent.choose('contact');
    await parent.choose('policy');
    await parent.text(`孩子的绑定码 ${formatBindingCode(other)} 丢了`);
    await parent.choose('skip');
    await parent.choose('yes');
    const dump = await transcript();
    expectNowhere(dump, code);
    expectNowhere(dump, other);
    expect(dump).toContain('••••••••');
    expect(dump).toContain('丢了');
  });

  it('leaves ordinary words alone, and masks a word-like code only if it was issued', async () => {
    const now = world.clock.now();
    await world.deps.database.db.insert(bindingCodes).values({
      codeHash: await bindingCodeHash(world.deps.config, 'STUDENTS'),
      studentId: 'demo_s2',
      createdAt: now,
      expiresAt: now + 86_400_000,
    });
    const parent = new ChatClient(world.fetcher);
    await parent.start('en');
    // "teachers" has the shape of a code (8 letters of the code alphabet) but no code is "TEACHERS".
    await parent.text('what can teachers get');
    await parent.text('my code is students');
    const inbound = (await world.deps.database.db.select().from(chatMessages))
      .filter((row) => row.direction === 'in')
      .map((row) => JSON.parse(row.payload).text);
    expect(inbound).toEqual(['what can teachers get', 'my code is ••••••••']);
  });
});

describe('the Node binding-code secret', () => {
  it('is made once, readable only by its owner, and read back the same on every start', () => {
    const dir = makeTempDir('secret');
    try {
      const path = join(dir.path, 'binding-code.secret');
      const first = loadOrCreateSecret(path);
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSecret(path)).toBe(first);
    } finally {
      dir.remove();
    }
  });
});

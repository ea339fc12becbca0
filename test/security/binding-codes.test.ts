import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindingCodes } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import { sha256Hex } from '../../src/util/ids.js';
import { allText, ChatClient, type ChatReply, lastText } from '../support/chat-client.js';
import {
  activeBindings,
  auditRows,
  bindChild,
  boundParent,
  demoOfficer,
  demoTeacher,
  enterCode,
  type Fetcher,
  makeSecurityWorld,
  printCodes,
  type SecurityWorld,
  type StaffAgent,
  withHeaders,
} from '../support/security-fixtures.js';

const MESSAGE = {
  invalid: t('zh-CN', 'flows.bind.code_invalid'),
  revoked: t('zh-CN', 'flows.bind.code_revoked'),
  expired: t('zh-CN', 'flows.bind.code_expired'),
  used: t('zh-CN', 'flows.bind.code_used'),
  locked: t('zh-CN', 'flows.bind.locked'),
  unbound: t('zh-CN', 'flows.children.unbound'),
  none: t('zh-CN', 'flows.children.none'),
};
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Well-formed codes that were never issued (they pass the format check, so they reach the lookup). */
const WRONG_CODES = ['AAAA2222', 'BBBB3333', 'CCCC4444', 'DDDD5555', 'EEEE6666', 'FFFF7777', 'GGGG8888'];

describe('binding codes', () => {
  let world: SecurityWorld;
  let teacher: StaffAgent;
  /** Chat requests as they arrive through a proxy from one address. */
  let fromIp: (ip: string) => Fetcher;
  beforeEach(async () => {
    world = await makeSecurityWorld();
    teacher = await demoTeacher(world.fetcher);
    fromIp = (ip) => withHeaders(world.fetcher, { 'x-forwarded-for': ip, 'cf-connecting-ip': ip });
  });
  afterEach(() => world.harness.close());

  const parentAt = async (ip: string) => {
    const chat = new ChatClient(fromIp(ip));
    await chat.start();
    return chat;
  };
  const classPage = async () => (await teacher.get('/console/classes/demo_p3_2')).text();
  const guardianCell = (html: string, guardianId: string) =>
    html.match(new RegExp(`<div data-guardian="${guardianId}">([\\s\\S]*?)</div>`))?.[1] ?? '';

  it('shows the masked name, and a code binds exactly once', async () => {
    const codes = await printCodes(teacher, 'demo_p3_2');
    const code = codes.get('demo_s1')!;
    const first = await parentAt('198.51.100.1');
    const confirm = await enterCode(first, code);
    expect(lastText(confirm)).toContain('王*明');
    expect(lastText(confirm)).toContain('三年级二班');
    expect(allText(confirm)).not.toContain('王小明');
    await first.choose('yes');
    const done = await first.choose('father');
    expect(allText(done)).toContain('王*明');
    expect(allText(done)).not.toContain('王小明');

    const second = await parentAt('198.51.100.2');
    const again = await enterCode(second, code);
    expect(allText(again)).toContain(MESSAGE.used);
    expect(allText(again)).not.toContain('王*明');
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(1);
    const created = await auditRows(world, 'binding.create');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      actorType: 'guardian',
      actorId: `web:${first.conversationId}`,
      targetId: 'demo_s1',
      schoolId: 'demo_primary',
    });
  });

  it('lets only one of two phones racing with the same code bind', async () => {
    const code = (await printCodes(teacher, 'demo_p3_2')).get('demo_s1')!;
    const a = await parentAt('198.51.100.1');
    const b = await parentAt('198.51.100.2');
    // Both looked the code up before either used it.
    expect(lastText(await enterCode(a, code))).toContain('王*明');
    expect(lastText(await enterCode(b, code))).toContain('王*明');
    await a.choose('yes');
    await b.choose('yes');
    await a.choose('mother');
    const late = await b.choose('father');
    expect(allText(late)).toContain(MESSAGE.used);
    const bindings = await activeBindings(world, 'demo_s1');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]!.identity).toBe(a.conversationId);
  });

  it(`expires after BINDING_CODE_DAYS`, async () => {
    const days = world.deps.config.BINDING_CODE_DAYS;
    const codes = await printCodes(teacher, 'demo_p3_2');
    world.clock.advance(days * DAY - MINUTE);
    const onTime = await parentAt('198.51.100.1');
    expect(lastText(await enterCode(onTime, codes.get('demo_s1')!))).toContain('王*明');
    world.clock.advance(2 * MINUTE);
    const late = await parentAt('198.51.100.2');
    const reply = await enterCode(late, codes.get('demo_s2')!);
    expect(allText(reply)).toContain(MESSAGE.expired);
    expect(allText(reply)).not.toContain('李*朵');
    // The parent who looked the code up in time cannot use it once it has expired either.
    await onTime.choose('yes');
    expect(allText(await onTime.choose('father'))).toContain(MESSAGE.used);
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(0);
    // The class page no longer shows an open code.
    expect(await classPage()).not.toContain('有效至');
  });

  it('a code revoked in the console is rejected', async () => {
    const code = (await printCodes(teacher, 'demo_p3_2')).get('demo_s1')!;
    expect(await classPage()).toContain('/students/demo_s1/revoke-code');
    const revoked = await teacher.post('/console/classes/demo_p3_2/students/demo_s1/revoke-code');
    expect(revoked.status).toBe(303);
    expect(await classPage()).not.toContain('/students/demo_s1/revoke-code');
    const parent = await parentAt('198.51.100.1');
    const reply = await enterCode(parent, code);
    // A voided slip says so, rather than "not found", so the parent knows to ask for a new one.
    expect(allText(reply)).toContain(MESSAGE.revoked);
    expect(allText(reply)).not.toContain('王*明');
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(0);
    const [entry] = await auditRows(world, 'binding_code.revoke');
    expect(entry).toMatchObject({ actorId: 'demo_teacher', targetId: 'demo_s1', schoolId: 'demo_primary' });
  });

  it('printing new codes for a student voids the previous one', async () => {
    const first = await printCodes(teacher, 'demo_p3_2', 'all');
    const single = await printCodes(teacher, 'demo_p3_2', 'demo_s1');
    expect([...single.keys()]).toEqual(['demo_s1']);
    expect(single.get('demo_s1')).not.toBe(first.get('demo_s1'));
    const old = await parentAt('198.51.100.1');
    expect(allText(await enterCode(old, first.get('demo_s1')!))).toContain(MESSAGE.revoked);
    // The classmate's code from the first print is untouched by a reprint for demo_s1...
    const classmate = await parentAt('198.51.100.2');
    expect(lastText(await enterCode(classmate, first.get('demo_s2')!))).toContain('李*朵');
    // ...and the new one works.
    const current = await parentAt('198.51.100.3');
    await bindChild(current, single.get('demo_s1')!);
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(1);
    // A whole-class reprint voids every open code, including the classmate's.
    const reprint = await printCodes(teacher, 'demo_p3_2', 'all');
    const late = await parentAt('198.51.100.4');
    expect(allText(await enterCode(late, first.get('demo_s2')!))).toContain(MESSAGE.revoked);
    expect(reprint.get('demo_s2')).toBeDefined();
  });

  it('locks one chat identity after 5 wrong codes, even for the right one, until the window passes', async () => {
    const ip = '203.0.113.7';
    const code = (await printCodes(teacher, 'demo_p3_2')).get('demo_s1')!;
    const guesser = await parentAt(ip);
    await guesser.choose('bind');
    for (const wrong of WRONG_CODES.slice(0, 5)) {
      expect(allText(await guesser.text(wrong))).toContain(MESSAGE.invalid);
    }
    const sixth: ChatReply = await guesser.text(code);
    expect(allText(sixth)).toContain(MESSAGE.locked);
    expect(allText(sixth)).not.toContain('王*明');
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(0);

    const rejected = await auditRows(world, 'binding.code_rejected');
    expect(rejected).toHaveLength(5);
    for (const row of rejected) {
      expect(row).toMatchObject({ actorType: 'guardian', actorId: `web:${guesser.conversationId}`, ip });
      expect(JSON.parse(row.details ?? '{}')).toEqual({ reason: 'invalid' });
    }
    const locked = await auditRows(world, 'binding.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ actorId: `web:${guesser.conversationId}`, ip });

    // The same conversation from another address is still locked: the limit follows the identity.
    const elsewhere = new ChatClient(fromIp('203.0.113.99'));
    elsewhere.conversationId = guesser.conversationId;
    elsewhere.token = guesser.token;
    expect(allText(await enterCode(elsewhere, code))).toContain(MESSAGE.locked);

    world.clock.advance(15 * MINUTE + 1);
    const retry = await enterCode(guesser, code);
    expect(lastText(retry)).toContain('王*明');
    await guesser.choose('yes');
    await guesser.choose('father');
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(1);
  });

  it('limits one address across new conversations, and lets other addresses through', async () => {
    const ip = '203.0.113.8';
    const code = (await printCodes(teacher, 'demo_p3_2')).get('demo_s1')!;
    // Four fresh conversations, five wrong codes each: 20 failures from one address in the hour.
    for (let round = 0; round < 4; round++) {
      const guesser = await parentAt(ip);
      await guesser.choose('bind');
      for (const wrong of WRONG_CODES.slice(0, 5)) {
        expect(allText(await guesser.text(wrong))).toContain(MESSAGE.invalid);
      }
    }
    const fresh = await parentAt(ip);
    expect(allText(await enterCode(fresh, code))).toContain(MESSAGE.locked);
    expect((await auditRows(world, 'binding.code_rejected')).length).toBe(20);
    expect((await auditRows(world, 'binding.locked')).map((row) => row.ip)).toEqual([ip]);

    // A parent elsewhere is not affected.
    const neighbour = await parentAt('203.0.113.200');
    expect(lastText(await enterCode(neighbour, code))).toContain('王*明');

    // The address window is an hour: past the 15-minute identity window it is still locked.
    world.clock.advance(16 * MINUTE);
    expect(allText(await enterCode(await parentAt(ip), code))).toContain(MESSAGE.locked);
    world.clock.advance(45 * MINUTE);
    expect(lastText(await enterCode(await parentAt(ip), code))).toContain('王*明');
  });

  // Without a trusted proxy the address comes from the socket, so headers a client makes up change nothing:
  // one client rotating X-Forwarded-For over new conversations still trips the per-address limit.
  it('rotating a forged X-Forwarded-For does not reset the per-address limit', async () => {
    const direct = await makeSecurityWorld({ trustProxy: false });
    try {
      const directTeacher = await demoTeacher(direct.fetcher);
      const code = (await printCodes(directTeacher, 'demo_p3_2')).get('demo_s1')!;
      const forged = async (ip: string) => {
        const chat = new ChatClient(
          withHeaders(direct.fetcher, { 'x-forwarded-for': ip, 'cf-connecting-ip': ip }),
        );
        await chat.start();
        return chat;
      };
      for (let round = 0; round < 5; round++) {
        const guesser = await forged(`192.0.2.${round + 1}`);
        await guesser.choose('bind');
        for (const wrong of WRONG_CODES.slice(0, 5)) await guesser.text(wrong);
      }
      // 25 wrong guesses from one client: the next conversation must be locked out.
      const next = await forged('192.0.2.250');
      expect(allText(await enterCode(next, code))).toContain(MESSAGE.locked);
    } finally {
      direct.harness.close();
    }
  });

  it('never stores a binding code in plain text', async () => {
    const codes = await printCodes(teacher, 'demo_p3_2');
    const used = codes.get('demo_s1')!;
    const unused = codes.get('demo_s2')!;
    await boundParent(fromIp('198.51.100.1'), used);
    const rows = await world.deps.database.db.select().from(bindingCodes);
    expect(rows).toHaveLength(2);
    const hashes = new Set([await sha256Hex(used), await sha256Hex(unused)]);
    for (const row of rows) {
      expect(hashes.has(row.codeHash)).toBe(true);
      expect(JSON.stringify(row)).not.toContain(used);
      expect(JSON.stringify(row)).not.toContain(unused);
    }
    // Nowhere in the database: every text column of every table, the chat transcript included (what a parent
    // types at the code step is saved masked).
    const { db } = world.deps.database;
    const tables = await db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { name } of tables) {
      const dump = JSON.stringify(await db.all(sql.raw(`select * from "${name}"`)));
      expect(dump, `${name} holds the unused code`).not.toContain(unused);
      expect(dump, `${name} holds the used code`).not.toContain(used);
    }
  });

  it('unbinding in the chat is audited and the class page shows the guardian unbound', async () => {
    const code = (await printCodes(teacher, 'demo_p3_2')).get('demo_s1')!;
    const parent = await boundParent(fromIp('198.51.100.1'), code, 'father');
    expect(guardianCell(await classPage(), 'demo_g1')).toContain('已绑定');

    const list = await parent.choose('children');
    expect(allText(list)).toContain('王*明');
    const which = await parent.choose('unbind');
    const option = which.messages.flatMap((message) => ('choices' in message ? message.choices : []))[0];
    expect(option?.label).toContain('王*明');
    await parent.choose(option!.value);
    expect(allText(await parent.choose('yes'))).toContain(MESSAGE.unbound);

    expect(await activeBindings(world, 'demo_s1')).toHaveLength(0);
    const [removed] = await auditRows(world, 'binding.remove');
    expect(removed).toMatchObject({
      actorType: 'guardian',
      actorId: `web:${parent.conversationId}`,
      targetId: 'demo_s1',
      schoolId: 'demo_primary',
    });
    const page = await classPage();
    expect(guardianCell(page, 'demo_g1')).toContain('未绑定');
    expect(guardianCell(page, 'demo_g1')).not.toContain('已绑定');
    expect(allText(await parent.choose('children'))).toContain(MESSAGE.none);
  });

  it('unbinding through DELETE /api/chat/.../children/:bindingId is audited and shows on the class page', async () => {
    const officer = await demoOfficer(world.fetcher);
    const code = (await printCodes(officer, 'demo_p3_2')).get('demo_s1')!;
    const parent = await boundParent(fromIp('198.51.100.1'), code, 'mother');
    expect(guardianCell(await classPage(), 'demo_g2')).toContain('已绑定');
    const { children } = (await (await parent.raw('/children')).json()) as {
      children: { bindingId: string; studentId: string }[];
    };
    expect(children).toHaveLength(1);
    const response = await parent.raw(`/children/${children[0]!.bindingId}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await activeBindings(world, 'demo_s1')).toHaveLength(0);
    const removed = await auditRows(world, 'binding.remove');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ actorId: `web:${parent.conversationId}`, targetId: 'demo_s1' });
    expect(guardianCell(await classPage(), 'demo_g2')).toContain('未绑定');
    expect(((await (await parent.raw('/children')).json()) as { children: unknown[] }).children).toEqual([]);
    // Gone is gone: a second delete is a 404 and writes no second audit entry.
    const again = await parent.raw(`/children/${children[0]!.bindingId}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await auditRows(world, 'binding.remove')).toHaveLength(1);
    // The class summary counts no bound student.
    expect(await classPage()).toContain('其中 0 名已有家长绑定');
  });

  it('the class page never shows a plain code after printing', async () => {
    const codes = await printCodes(teacher, 'demo_p3_2');
    const page = await classPage();
    for (const code of codes.values()) {
      expect(page).not.toContain(code);
      expect(page).not.toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
    }
  });
});

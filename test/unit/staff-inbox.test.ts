import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxThreads } from '../../src/db/schema.js';
import { t } from '../../src/i18n/index.js';
import { allText, ChatClient, type ChatReply, TINY_PNG } from '../support/chat-client.js';
import {
  auditRows,
  boundParent,
  demoOfficer,
  demoTeacher,
  EXTRA_STAFF,
  makeSecurityWorld,
  printCodes,
  type SecurityWorld,
  type StaffAgent,
  staffAgent,
} from '../support/security-fixtures.js';

const choicesOf = (reply: ChatReply) =>
  reply.messages.flatMap((message) => ('choices' in message ? message.choices : []));

/** Walks 联系资助老师 from the menu; then picks the child whose label contains `child` (or the district). */
async function leaveMessage(
  chat: ChatClient,
  text: string,
  options: { child?: string; district?: boolean; photo?: boolean } = {},
): Promise<ChatReply> {
  await chat.choose('contact');
  await chat.choose('policy');
  await chat.text(text);
  if (options.photo) {
    const uploaded = await chat.upload(new Uint8Array(TINY_PNG));
    expect(uploaded.status).toBe(201);
  } else await chat.choose('skip');
  const reply = await chat.choose('yes');
  if (!options.child && !options.district) return reply;
  const pick = choicesOf(reply).find((choice) =>
    options.district ? choice.value === 'district' : choice.label.includes(options.child!),
  );
  if (!pick) throw new Error(`no recipient choice in ${JSON.stringify(reply)}`);
  return chat.choose(pick.value);
}

const threadIdIn = (html: string) => html.match(/data-thread="(th_[a-z0-9]+)"/)?.[1];
const navBadge = (html: string) =>
  html.match(/data-nav="inbox">[^<]*<span class="badge"[^>]*>(\d+)</)?.[1] ?? '0';

describe('staff inbox', () => {
  let world: SecurityWorld;
  let teacher: StaffAgent;
  let parent: ChatClient;
  beforeEach(async () => {
    world = await makeSecurityWorld();
    const officer = await demoOfficer(world.fetcher);
    const codes = await printCodes(officer, 'demo_p3_2');
    parent = await boundParent(world.fetcher, codes.get('demo_s1')!);
    teacher = await demoTeacher(world.fetcher);
  });
  afterEach(() => world.harness.close());

  it("routes a bound parent's message to the child's class teacher and aid officer, and says so", async () => {
    await parent.choose('contact');
    await parent.choose('policy');
    await parent.text('请问营养餐补助怎么申请？');
    await parent.choose('skip');
    const pick = await parent.choose('yes');
    expect(allText(pick)).toContain(t('zh-CN', 'flows.contact.pick_prompt'));
    expect(choicesOf(pick).map((choice) => choice.label)).toEqual([
      '王*明 · 三年级二班',
      t('zh-CN', 'inbox.choice_district'),
    ]);
    const sent = await parent.choose(choicesOf(pick)[0]!.value);
    expect(allText(sent)).toContain(
      '已转给 三年级二班 班主任和 明白县第一小学（演示） 资助老师，一般在两个工作日内回复',
    );
    const [thread] = await world.deps.database.db.select().from(inboxThreads);
    expect(thread).toMatchObject({
      audience: 'class',
      classId: 'demo_p3_2',
      schoolId: 'demo_primary',
      studentId: 'demo_s1',
      relation: 'father',
      status: 'new',
    });
    expect((await auditRows(world, 'inbox.message'))[0]).toMatchObject({
      actorType: 'guardian',
      targetId: thread!.id,
      schoolId: 'demo_primary',
    });
  });

  it('shows the teacher an unread count, a thread per parent, and audits every read', async () => {
    await leaveMessage(parent, '第一条留言', { child: '王*明', photo: true });
    await leaveMessage(parent, '第二条留言', { child: '王*明' });
    const home = await (await teacher.get('/console')).text();
    expect(navBadge(home)).toBe('1');
    expect(home).toContain('<title>(1) ');
    const list = await (await teacher.get('/console/inbox')).text();
    expect(list.match(/data-thread=/g)).toHaveLength(1);
    expect(list).toContain('王小明（三年级二班）的父亲');
    expect(list).toContain('第二条留言');
    const threadId = threadIdIn(list)!;

    const page = await teacher.get(`/console/inbox/${threadId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('第一条留言');
    expect(html).toContain('第二条留言');
    expect(html).toContain('Asia/Shanghai, UTC+08:00');
    const photo = html.match(/src="(\/console\/inbox\/th_[a-z0-9]+\/photos\/up_[a-z0-9]+)"/)?.[1];
    expect(photo).toBeDefined();
    const image = await teacher.get(photo!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    await teacher.get(`/console/inbox/${threadId}`);
    const views = await auditRows(world, 'inbox.thread_view');
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ actorId: 'demo_teacher', targetId: threadId, schoolId: 'demo_primary' });
    expect(await auditRows(world, 'inbox.photo_view')).toHaveLength(1);
    expect(navBadge(await (await teacher.get('/console')).text())).toBe('0');
    // The officer has not read it yet.
    expect(navBadge(await (await (await demoOfficer(world.fetcher)).get('/console')).text())).toBe('1');
  });

  it("delivers the teacher's reply into the parent's chat and marks the thread answered", async () => {
    await leaveMessage(parent, '补助什么时候发？', { child: '王*明' });
    const threadId = threadIdIn(await (await teacher.get('/console/inbox')).text())!;
    await teacher.get(`/console/inbox/${threadId}`);
    const replied = await teacher.post(`/console/inbox/${threadId}/reply`, {
      body: '本学期的补助会在 11 月底前发放。',
    });
    expect(replied.status).toBe(303);
    const [thread] = await world.deps.database.db
      .select()
      .from(inboxThreads)
      .where(eq(inboxThreads.id, threadId));
    expect(thread?.status).toBe('answered');
    const history = await parent.history();
    const reply = history.at(-1)!;
    expect(reply.direction).toBe('out');
    expect(reply.payload).toMatchObject({
      type: 'text',
      from: '三年级二班 班主任 周老师（演示班主任）',
    });
    expect(JSON.stringify(reply.payload)).toContain('本学期的补助会在 11 月底前发放。');
    expect((await auditRows(world, 'inbox.reply'))[0]).toMatchObject({ actorId: 'demo_teacher' });
    // "My messages" in the chat shows the thread, its status and the reply.
    const mine = allText(await parent.choose('messages'));
    expect(mine).toContain('三年级二班');
    expect(mine).toContain('已回复');
    expect(mine).toContain('本学期的补助会在 11 月底前发放。');
    // An empty reply is refused and changes nothing.
    const before = (await parent.history()).length;
    const empty = await teacher.post(`/console/inbox/${threadId}/reply`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(await parent.history()).toHaveLength(before);
  });

  it('delivers the reply in the language the parent chats in', async () => {
    await parent.choose('language');
    await parent.choose('en');
    await leaveMessage(parent, 'When is the grant paid?', { child: '王*明' });
    const threadId = threadIdIn(await (await teacher.get('/console/inbox')).text())!;
    await teacher.post(`/console/inbox/${threadId}/reply`, { body: '月底前。' });
    const payload = (await parent.history()).at(-1)!.payload as { text: string; from: string };
    expect(payload.from).toBe('周老师（演示班主任）, class teacher of 三年级二班');
    expect(payload.text).toContain('replied to your message');
  });

  it('closing a thread ends it; the next message opens a new one', async () => {
    await leaveMessage(parent, '第一件事', { child: '王*明' });
    const threadId = threadIdIn(await (await teacher.get('/console/inbox')).text())!;
    expect((await teacher.post(`/console/inbox/${threadId}/close`)).status).toBe(303);
    expect(await (await teacher.get('/console/inbox')).text()).not.toContain(threadId);
    expect(await (await teacher.get('/console/inbox?status=closed')).text()).toContain(threadId);
    expect(allText(await parent.choose('messages'))).toContain(t('zh-CN', 'flows.messages.none'));
    await leaveMessage(parent, '第二件事', { child: '王*明' });
    const threads = await world.deps.database.db.select().from(inboxThreads);
    expect(threads.map((row) => row.status).sort()).toEqual(['closed', 'new']);
    expect(await auditRows(world, 'inbox.close')).toHaveLength(1);
  });

  it('only the right people see a thread', async () => {
    await leaveMessage(parent, '只给本班老师看', { child: '王*明' });
    const threadId = threadIdIn(await (await teacher.get('/console/inbox')).text())!;
    const officer = await demoOfficer(world.fetcher);
    expect(await (await officer.get('/console/inbox')).text()).toContain(threadId);
    const teacher2 = await staffAgent(world.fetcher, EXTRA_STAFF.teacher2.username);
    expect(await (await teacher2.get('/console/inbox')).text()).not.toContain(threadId);
    expect((await teacher2.get(`/console/inbox/${threadId}`)).status).toBe(404);
    expect((await teacher2.post(`/console/inbox/${threadId}/reply`, { body: '越权' })).status).toBe(404);
    const district = await staffAgent(world.fetcher, EXTRA_STAFF.district.username);
    expect((await district.get(`/console/inbox/${threadId}`)).status).toBe(404);
    const leader = await staffAgent(world.fetcher, EXTRA_STAFF.leader.username);
    expect((await leader.get('/console/inbox')).status).toBe(403);
    expect(await (await leader.get('/console')).text()).not.toContain('data-nav="inbox"');
  });

  it('a parent with no bound child writes to the district aid centre', async () => {
    const stranger = new ChatClient(world.fetcher);
    await stranger.start();
    const sent = await leaveMessage(stranger, '我家孩子还没有绑定，想问政策。');
    expect(allText(sent)).toContain('已转给 明白县（演示） 学生资助管理中心，一般在两个工作日内回复');
    const district = await staffAgent(world.fetcher, EXTRA_STAFF.district.username);
    const list = await (await district.get('/console/inbox')).text();
    expect(list).toContain('未绑定孩子的家长');
    const threadId = threadIdIn(list)!;
    expect(await (await teacher.get('/console/inbox')).text()).not.toContain(threadId);
    expect(await (await (await demoOfficer(world.fetcher)).get('/console/inbox')).text()).not.toContain(
      threadId,
    );
    await district.post(`/console/inbox/${threadId}/reply`, { body: '请先联系班主任领取绑定条。' });
    const payload = (await stranger.history()).at(-1)!.payload as { from: string };
    expect(payload.from).toContain('明白县（演示） 资助中心');
  });

  it('confirms in zh-TW and English too', async () => {
    for (const [locale, expected] of [
      ['zh-TW', '已轉給 明白县（演示） 學生資助管理中心，一般在兩個工作日內回覆'],
      ['en', 'Passed on to the'],
    ] as const) {
      const chat = new ChatClient(world.fetcher);
      await chat.start(locale);
      expect(allText(await leaveMessage(chat, 'hello'))).toContain(expected);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { issueBindingCodes } from '../../src/binding/binding-service.js';
import {
  applicationDocuments,
  applications,
  chatUploads,
  guardianBindings,
  noticeReceipts,
  noticeRecipients,
  outbox,
  students,
} from '../../src/db/schema.js';
import {
  type DeliveredMessage,
  type LineSimulator,
  lineEvents,
  lineSignature,
  startLineSimulator,
  type WebhookEvent,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { CHILD_ID } from '../applications/application-world.js';
import { SITUATION } from '../applications/journey-helpers.js';
import { ConsoleClient } from '../support/console-client.js';
import { draftNotice, formFields, withFields } from '../support/notice-world.js';
import { addSecondPage } from '../support/photo-page.js';
import { signatureBody } from '../support/signature-body.js';
import { makeTestDeps } from '../support/test-deps.js';
import { createTestSchool, TEST_PASSWORD } from '../support/test-school.js';

// A mother who lives in LINE: the aid check (its result as a Flex card), binding her child with the slip's code,
// a photo for the aid officer, then the class notice as a Flex card whose button opens the LIFF page; the page's
// ID token is checked with LINE (the simulator), which marks the notice read, and she signs: the receipt says
// "line". The same mother also uses the web chat: she is one guardian, and a notice LINE refuses reaches her there.

const SECRET = 'line-journey-channel-secret';
const TOKEN = 'line-journey-access-token';
const LIFF_ID = '1657000000-JourneyA';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/documents/gps-orientation-6.jpg'));

type QuickItem = { action: { type: string; data?: string; label: string } };

describe('a LINE family from the aid check to a signed receipt', { timeout: 120_000 }, () => {
  let sim: LineSimulator;
  let harness: ReturnType<typeof makeTestDeps>;
  let app: ReturnType<typeof createApp>;
  let officer: ConsoleClient;
  let mother: { userId: string };
  let code = '';
  const fetcher = async (path: string, init?: RequestInit) => app.request(path, init);

  /** What LINE does when the user acts: a signed webhook with a fresh reply token; returns what she received. */
  const act = async (event: (replyToken: string) => WebhookEvent): Promise<DeliveredMessage[]> => {
    const before = sim.messagesTo(mother.userId).length;
    const body = webhookBody([event(sim.issueReplyToken(mother.userId))]);
    const response = await fetcher('/webhook/line', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature(body, SECRET) },
      body,
    });
    expect(response.status).toBe(200);
    await harness.queue.drain();
    return sim.messagesTo(mother.userId).slice(before);
  };
  const at = () => harness.deps.clock.now();
  const say = (text: string) =>
    act((replyToken) => lineEvents.text(mother.userId, text, { replyToken, timestamp: at() }));
  const tap = (value: string) =>
    act((replyToken) =>
      lineEvents.postback(mother.userId, `choice:${value}`, { replyToken, timestamp: at() }),
    );
  const quickReplies = (messages: DeliveredMessage[]): QuickItem[] =>
    (messages.at(-1)?.message.quickReply as { items: QuickItem[] } | undefined)?.items ?? [];
  const texts = (messages: DeliveredMessage[]) =>
    messages.map((message) => String(message.message.text ?? message.message.altText ?? '')).join('\n');

  beforeAll(async () => {
    sim = await startLineSimulator({ channelAccessToken: TOKEN, channelId: '1657000000' });
    harness = makeTestDeps({
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: sim.url,
      LINE_DATA_API_BASE_URL: sim.url,
      LINE_LIFF_ID: LIFF_ID,
      PUBLIC_URL: 'http://localhost',
    });
    await createTestSchool(harness.deps);
    const now = harness.clock.now();
    await harness.deps.database.db.insert(students).values({
      id: 'st1',
      schoolId: 'sch1',
      classId: 'c32',
      studentNumber: 'S0001',
      name: '王小明',
      createdAt: now,
      updatedAt: now,
    });
    code = (await issueBindingCodes(harness.deps, 'officer1', 'sch1', ['st1'], null)).get('st1')!;
    app = createApp(harness.deps);
    officer = new ConsoleClient(fetcher);
    expect((await officer.logIn('officer1', TEST_PASSWORD)).status).toBe(303);
    mother = sim.addUser({ language: 'zh-CN', displayName: '王妈妈' });
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    harness?.close();
  });

  it('checks which aid the child may get, ending in a Flex result card', async () => {
    const welcome = await act((replyToken) =>
      lineEvents.follow(mother.userId, { replyToken, timestamp: at() }),
    );
    expect(texts(welcome)).toContain('明白');
    expect(quickReplies(welcome).map((item) => item.action.data)).toContain('choice:eligibility');
    let reply = await tap('eligibility');
    for (let guard = 0; guard < 14 && !reply.some((message) => message.message.type === 'flex'); guard++) {
      const items = quickReplies(reply);
      expect(items.length, texts(reply)).toBeGreaterThan(0);
      reply = await tap(items[0]!.action.data!.slice('choice:'.length));
    }
    const card = reply.find((message) => message.message.type === 'flex');
    expect(card, texts(reply)).toBeDefined();
    const contents = card!.message.contents as { type: string; header: unknown; body: unknown };
    expect(contents.type).toBe('bubble');
    expect(JSON.stringify(contents.body).length).toBeGreaterThan(50);
    expect(String(card!.message.altText).length).toBeLessThanOrEqual(400);
  });

  it('binds her child with the code from the slip, through the same bind flow as web chat', async () => {
    await say('绑定');
    const confirm = await say(code);
    expect(texts(confirm)).toContain('王*明');
    const who = await tap('yes');
    expect(quickReplies(who).map((item) => item.action.data)).toContain('choice:mother');
    const done = await tap('mother');
    expect(texts(done)).not.toContain('失败');
    const [binding] = await harness.deps.database.db
      .select()
      .from(guardianBindings)
      .where(and(eq(guardianBindings.channel, 'line'), eq(guardianBindings.identity, mother.userId)));
    expect(binding).toMatchObject({ studentId: 'st1', relation: 'mother' });
  });

  it('sends the aid officer a photo as a LINE image: downloaded at once, stored without its metadata', async () => {
    await say('联系资助老师');
    const asked = await tap('policy');
    expect(texts(asked).length).toBeGreaterThan(0);
    const photoStep = await say('孩子的低保证明要交原件吗');
    expect(quickReplies(photoStep).map((item) => item.action.type)).toEqual(
      expect.arrayContaining(['camera', 'cameraRoll']),
    );
    sim.addContent('photo-1', PHOTO, 'image/jpeg');
    const after = await act((replyToken) =>
      lineEvents.image(mother.userId, 'photo-1', { replyToken, timestamp: at() }),
    );
    expect(texts(after).length).toBeGreaterThan(0);
    expect(sim.received.some((request) => request.path === '/v2/bot/message/photo-1/content')).toBe(true);
    const uploads = await harness.deps.database.db.select().from(chatUploads);
    expect(uploads).toHaveLength(1);
    const stored = await harness.deps.blobs.get(uploads[0]!.blobKey);
    const text = new TextDecoder('latin1').decode(stored!.bytes);
    expect(text).not.toContain('TestPhone');
    expect(text).not.toContain('TestByline');
    expect(text).not.toContain('xmpmeta');
    await tap('yes');

    // A photo when none was asked for is not kept.
    sim.addContent('photo-2', PHOTO, 'image/jpeg');
    const refused = await act((replyToken) =>
      lineEvents.image(mother.userId, 'photo-2', { replyToken, timestamp: at() }),
    );
    expect(texts(refused)).toContain('不需要发照片');
    expect(await harness.deps.database.db.select().from(chatUploads)).toHaveLength(1);
  });

  it('applies with two documents sent as LINE images, and adds a page on the LIFF photo page', async () => {
    await say('菜单');
    expect(texts(await say('申请资助'))).toContain('申请哪一项资助');
    expect(texts(await tap('compulsory_living_subsidy'))).toContain('三年级(2)班');
    expect(texts(await tap('yes'))).toContain('身份证号');
    expect(texts(await say(CHILD_ID))).toContain('家里属于哪种情况');
    expect(texts(await say('低保'))).toContain('用您自己的话');
    const firstDocument = await say(SITUATION);
    expect(texts(firstDocument)).toContain('户口本');
    expect(quickReplies(firstDocument).map((item) => item.action.type)).toEqual(
      expect.arrayContaining(['camera', 'cameraRoll']),
    );
    sim.addContent('doc-1', PHOTO, 'image/jpeg');
    const received = await act((replyToken) =>
      lineEvents.image(mother.userId, 'doc-1', { replyToken, timestamp: at() }),
    );
    expect(texts(received)).toContain('第 1 张');
    expect(quickReplies(received).map((item) => item.action.data)).toContain('choice:page');

    // "Several at once" in LINE opens the LIFF photo page; the chat's link carries nothing of the application.
    const offered = await tap('page');
    const bubble = offered.find((message) => message.message.type === 'flex');
    expect(JSON.stringify(bubble?.message.contents)).toContain(
      `"uri":"https://liff.line.me/${LIFF_ID}/apply"`,
    );
    expect(JSON.stringify(bubble?.message.contents)).toContain('传好了，继续');
    expect(quickReplies(offered).map((item) => item.action.data)).toContain('choice:uploaded');

    const page = await fetcher('/liff/apply', { headers: { 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-open="/liff/api/apply/open"');
    const open = (body: unknown) =>
      fetcher('/liff/api/apply/open', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await open({ idToken: 'sim.forged-token-0000' })).status).toBe(401);
    // A user id from the page is never taken: only the ID token LINE vouches for.
    expect((await open({ idToken: sim.issueIdToken(mother.userId), userId: mother.userId })).status).toBe(
      400,
    );
    const stranger = sim.addUser();
    const none = await open({ idToken: sim.issueIdToken(stranger.userId) });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('application_not_found');
    const opened = await open({ idToken: sim.issueIdToken(mother.userId) });
    expect(opened.status).toBe(200);
    const { next } = (await opened.json()) as { next: string };
    expect(next).toMatch(/^\/apply\/[A-Za-z0-9_-]{16,64}$/);
    const { kind, uploaded } = await addSecondPage(fetcher, next, PHOTO);
    const added = (await uploaded.json()) as { id: string; kind: string; count: number };
    expect(added).toMatchObject({ kind, count: 2 });
    // A wrong one comes off again (marked removed, kept for the record); only once, and only this application's.
    const removed = await fetcher(`${next}/photos/${added.id}`, { method: 'DELETE' });
    expect(removed.status, await removed.clone().text()).toBe(200);
    expect(await removed.json()).toMatchObject({ kind, count: 1 });
    expect((await fetcher(`${next}/photos/${added.id}`, { method: 'DELETE' })).status).toBe(404);
    const again = new FormData();
    again.append('kind', kind!);
    again.append('file', new Blob([PHOTO], { type: 'image/jpeg' }), 'page-2-again.jpg');
    expect((await fetcher(`${next}/photos`, { method: 'POST', body: again })).status).toBe(201);
    // Opening the page again makes a new link: the one before stops working.
    await open({ idToken: sim.issueIdToken(mother.userId) });
    expect((await fetcher(next)).status).toBe(404);

    const secondDocument = await tap('uploaded');
    expect(texts(secondDocument)).toContain('低保证');
    sim.addContent('doc-2', PHOTO, 'image/jpeg');
    await act((replyToken) => lineEvents.image(mother.userId, 'doc-2', { replyToken, timestamp: at() }));
    expect(texts(await tap('done'))).toContain('书面承诺');
    expect(texts(await tap('yes'))).toContain('隐私说明');
    const summary = await tap('yes');
    expect(texts(summary)).toContain('请核对申请内容');
    expect(texts(await tap('submit'))).toContain('已提交给班主任审查');

    const [application] = await harness.deps.database.db
      .select()
      .from(applications)
      .where(eq(applications.identity, mother.userId));
    expect(application).toMatchObject({ channel: 'line', status: 'submitted', studentId: 'st1' });
    const documents = await harness.deps.database.db
      .select()
      .from(applicationDocuments)
      .where(eq(applicationDocuments.applicationId, application!.id));
    expect(documents.filter((row) => row.removedAt === null)).toHaveLength(3);
    expect(documents.filter((row) => row.removedAt !== null).map((row) => row.id)).toEqual([added.id]);
    expect(new Set(documents.map((row) => row.kind)).size).toBe(2);
  });

  let link = '';
  it('receives the class notice as a Flex card whose button opens the LIFF page', async () => {
    const path = await draftNotice(officer, {
      scope: 'classes',
      classIds: 'c32',
      confirmation: 'sign',
    });
    expect((await officer.post(`${path}/send`)).status).toBe(303);
    const before = sim.messagesTo(mother.userId).length;
    await harness.queue.drain();
    const received = sim.messagesTo(mother.userId).slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]!.via).toBe('push');
    const card = received[0]!.message;
    expect(card.type).toBe('flex');
    const uri = /"uri":"([^"]+)"/.exec(JSON.stringify(card.contents))?.[1];
    expect(uri).toMatch(new RegExp(`^https://liff\\.line\\.me/${LIFF_ID}/n/[A-Za-z0-9_-]+$`));
    link = new URL(uri!).pathname.replace(`/${LIFF_ID}`, '');
    const rows = await harness.deps.database.db.select().from(outbox).where(eq(outbox.topic, 'notice'));
    expect(rows.map((row) => [row.channel, row.status])).toEqual([['line', 'sent']]);
  });

  it('opens the LIFF page: the ID token is checked with LINE, marks it read, and the receipt says "line"', async () => {
    const page = await fetcher(`/liff${link}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain('https://static.line-scdn.net');
    expect(await page.text()).toContain(`data-liff-id="${LIFF_ID}"`);

    const open = (idToken: string) =>
      fetcher(`/liff/api/notices${link.slice('/n'.length)}/open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ idToken }),
      });
    // A token LINE never issued, and a real token of a LINE user not bound to this child.
    expect((await open('sim.forged-token-0000')).status).toBe(401);
    const stranger = sim.addUser();
    expect((await open(sim.issueIdToken(stranger.userId))).status).toBe(404);
    const [unread] = await harness.deps.database.db.select().from(noticeRecipients);
    expect(unread!.readAt).toBeNull();

    const opened = await open(sim.issueIdToken(mother.userId));
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { next: string }).next).toBe(link);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const [read] = await harness.deps.database.db.select().from(noticeRecipients);
    expect(read!.readAt).not.toBeNull();

    const headers = { origin: 'http://localhost', cookie };
    const answered = await fetcher(link, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ q0: '1' }).toString(),
    });
    expect(answered.status).toBe(200);
    const signed = await fetcher(`${link}/signature`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: signatureBody(),
    });
    expect(signed.status).toBe(201);
    const [receipt] = await harness.deps.database.db.select().from(noticeReceipts);
    expect(receipt).toMatchObject({ channel: 'line', studentId: 'st1' });
    expect(receipt!.signedAt).not.toBeNull();
  });

  it('is one guardian with the web chat too: one recipient, LINE first, and web chat when LINE refuses', async () => {
    // The same mother binds the same child in the web chat with a new slip.
    const webCode = (await issueBindingCodes(harness.deps, 'officer1', 'sch1', ['st1'], null)).get('st1')!;
    const started = await fetcher('/api/chat/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'zh-CN' }),
    });
    const web = (await started.json()) as { conversationId: string; token: string };
    const send = (body: unknown) =>
      fetcher(`/api/chat/conversations/${web.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${web.token}` },
        body: JSON.stringify(body),
      });
    await send({ type: 'text', text: '绑定' });
    await send({ type: 'text', text: webCode });
    await send({ type: 'choice', value: 'yes' });
    await send({ type: 'choice', value: 'mother' });
    // Later she writes on LINE again, so LINE is the channel she used last.
    harness.clock.advance(60_000);
    await say('菜单');

    // LINE refuses the next push (as for a user LINE no longer knows): the notice falls back to the web chat.
    sim.failNext('/v2/bot/message/push', 400, 1);
    const html = await (await officer.get('/console/notices/new?kind=free_text')).text();
    const fields = withFields(formFields(html, '/console/notices'), {
      scope: 'classes',
      classIds: 'c32',
      confirmation: 'read',
      title: '家长会通知',
      body: '本周五下午三点开家长会。',
    });
    const created = await officer.rawPost(
      '/console/notices',
      new URLSearchParams([['_csrf', officer.csrf], ...fields]).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(created.status, await created.clone().text()).toBe(303);
    const path = created.headers.get('location')!;
    expect((await officer.post(`${path}/send`)).status).toBe(303);
    await harness.queue.drain();

    const recipients = await harness.deps.database.db.select().from(noticeRecipients);
    const second = recipients.filter((row) => row.versionId !== recipients[0]!.versionId);
    expect(second).toHaveLength(1);
    const rows = await harness.deps.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.subjectId, second[0]!.id));
    expect(rows.map((row) => [row.channel, row.status]).sort()).toEqual([
      ['line', 'failed'],
      ['web', 'delivered'],
    ]);
    const history = await fetcher(`/api/chat/conversations/${web.conversationId}/messages`, {
      headers: { authorization: `Bearer ${web.token}` },
    });
    expect(JSON.stringify(await history.json())).toContain('家长会通知');
  });
});

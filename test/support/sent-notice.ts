import { eq } from 'drizzle-orm';
import { createApp } from '../../src/app.js';
import { noticeVersions } from '../../src/db/schema.js';
import { ConsoleClient } from './console-client.js';
import { draftNotice, type Family, familyRows, insertFamilies } from './notice-world.js';
import { signatureBody } from './signature-body.js';
import { makeTestDeps } from './test-deps.js';
import { createTestSchool, TEST_PASSWORD } from './test-school.js';

// A 明白卡 (confirm and sign) sent through the real console to bound web-chat families of the test school,
// and the guardian's side as the page would call it: for reminder, dashboard and archive tests.

interface Message {
  payload: { type: string; title?: string; buttons?: { url?: string }[] };
}

export async function sentNoticeWorld(
  options: {
    families?: number;
    classIds?: string[];
    config?: Record<string, string>;
    unbound?: number;
    /** Press "send, then print the paper 明白卡" instead of "send". */
    sendThenPaper?: boolean;
  } = {},
) {
  const harness = makeTestDeps(options.config ?? {});
  await createTestSchool(harness.deps);
  const app = createApp(harness.deps);
  const fetcher = async (path: string, init?: RequestInit) => app.request(path, init);
  const rows = await familyRows({
    count: options.families ?? 40,
    schoolId: 'sch1',
    classIds: options.classIds ?? ['c32'],
    now: harness.clock.now(),
  });
  // Families without a bound chat: their binding (and conversation) is left out.
  const unbound = options.unbound ?? 0;
  rows.bindings = rows.bindings.slice(unbound);
  await insertFamilies(harness.deps, rows);
  const families = rows.families.slice(unbound);
  const officer = new ConsoleClient(fetcher);
  await officer.logIn('officer1', TEST_PASSWORD);
  const noticeId = (
    await draftNotice(officer, {
      scope: 'classes',
      classIds: options.classIds ?? ['c32'],
      confirmation: 'sign',
    })
  )
    .split('/')
    .at(-1)!;
  // The draft's page as the officer sees it before pressing send (with who it will reach).
  const draftPage = await (await officer.get(`/console/notices/${noticeId}`)).text();
  const sent = await officer.post(
    `/console/notices/${noticeId}/send`,
    options.sendThenPaper ? { next: 'paper' } : {},
  );
  if (sent.status !== 303) throw new Error(`send failed: ${sent.status}`);
  const sentTo = sent.headers.get('location');
  await harness.queue.drain();
  const [version] = await harness.deps.database.db
    .select()
    .from(noticeVersions)
    .where(eq(noticeVersions.noticeId, noticeId));

  const history = async (family: Family): Promise<Message[]> => {
    const response = await fetcher(`/api/chat/conversations/${family.conversationId}/messages`, {
      headers: { authorization: `Bearer ${family.token}` },
    });
    return ((await response.json()) as { messages: Message[] }).messages;
  };
  const cards = async (family: Family) => (await history(family)).filter((m) => m.payload.type === 'card');
  const linkOf = async (family: Family) => (await cards(family))[0]!.payload.buttons![0]!.url!;
  /** Opens the notice, answers the check rightly and signs, as the guardian's page does. */
  const sign = async (family: Family) => {
    const link = await linkOf(family);
    await fetcher(link);
    await fetcher(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ q0: '1' }).toString(),
    });
    const response = await fetcher(`${link}/signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: signatureBody(),
    });
    if (response.status !== 201) throw new Error(`sign failed: ${response.status} ${await response.text()}`);
  };
  const reminderCards = async (family: Family) =>
    (await cards(family)).filter((card) => card.payload.title?.startsWith('提醒'));

  return {
    harness,
    app,
    fetcher,
    officer,
    families,
    allFamilies: rows.families,
    noticeId,
    versionId: version!.id,
    draftPage,
    sentTo,
    history,
    linkOf,
    sign,
    reminderCards,
    close: () => harness.close(),
  };
}

import { eq, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applicationDocuments,
  applications,
  auditLog,
  chatUploads,
  publicityLists,
} from '../../src/db/schema.js';
import { runScheduledTasks } from '../../src/jobs/scheduled-tasks.js';
import { exiftoolTags, hasExiftool } from '../documents/image-tools.js';
import { allText } from '../support/chat-client.js';
import { type ApplicationWorld, CHILD_ID, makeApplicationWorld } from './application-world.js';
import {
  decide,
  fillUntilDocuments,
  firstQueuedId,
  pledgeAndSubmit,
  SITUATION,
  sendPhoto,
} from './journey-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/** Every chat message the guardian's conversation holds, as text. */
async function guardianTexts(world: ApplicationWorld, index = 0) {
  const history = await world.chatOf(index).history();
  return history
    .filter((row) => row.direction === 'out')
    .map((row) => (row.payload as { text?: string; body?: string }).text ?? '')
    .join('\n');
}

describe('an aid application from the chat to the 台账', () => {
  let world: ApplicationWorld;
  afterEach(() => world?.close());

  it('three photos, a restart mid-way, the whole review chain, 公示, payment and the ledger, all audited', {
    timeout: 60_000,
  }, async () => {
    world = await makeApplicationWorld();
    const { deps } = world;
    const chat = world.chatOf(0);
    await fillUntilDocuments(chat);

    // 户口本: a phone photo with GPS and a rotation, then a second page.
    const first = await sendPhoto(chat, 'gps-orientation-6.jpg');
    expect(allText(first)).toContain('第 1 张');
    await chat.choose('more');
    expect(allText(await sendPhoto(chat, 'progressive.jpg'))).toContain('第 2 张');
    const next = await chat.choose('done');
    expect(allText(next)).toContain('低保证');

    // The server restarts; the guardian comes back and goes on where they were.
    world.restart();
    const resumed = world.chatOf(0);
    await sendPhoto(resumed, 'metadata.png', 'image/png');
    expect(allText(await resumed.choose('done'))).toContain('书面承诺');
    await pledgeAndSubmit(resumed);

    const [application] = await deps.database.db.select().from(applications);
    expect(application?.status).toBe('submitted');
    // The number is encrypted at rest and nowhere in the transcript.
    expect(application?.residentIdEnc).toMatch(/^v1:bc1:/);
    expect(application?.residentIdMasked).toBe('1101**********001X');
    expect(JSON.stringify(await resumed.history())).not.toContain(CHILD_ID);

    // The stored 户口本 photo has no GPS and stays upright (the orientation tag alone is kept).
    const documents = await deps.database.db
      .select({ blobKey: chatUploads.blobKey, kind: applicationDocuments.kind })
      .from(applicationDocuments)
      .innerJoin(chatUploads, eq(chatUploads.id, applicationDocuments.uploadId));
    expect(documents).toHaveLength(3);
    const stored = await deps.blobs.get(documents[0]!.blobKey);
    expect(new TextDecoder('latin1').decode(stored!.bytes)).not.toContain('GPS');
    if (hasExiftool) {
      const tags = exiftoolTags(stored!.bytes, 'jpg');
      expect(Object.keys(tags).some((key) => key.startsWith('GPS'))).toBe(false);
      expect(tags['IFD0:Orientation']).toBe(6);
    }

    // 班主任审查: the teacher sees the application but not the photos (the school did not allow it).
    const teacher = await world.staffLogin('teacher32');
    const id = await firstQueuedId(teacher);
    const teacherView = await (await teacher.get(`/console/applications/${id}`)).text();
    expect(teacherView).toContain('班主任不查看材料照片');
    expect(teacherView).not.toContain('/documents/');
    expect(teacherView).not.toContain(CHILD_ID);
    expect((await decide(teacher, id, 'approve')).status).toBe(303);

    // 分管领导审核, with the document viewer's signed links (each view audited).
    const leader = await world.staffLogin('leader1');
    const leaderView = await (await leader.get(`/console/applications/${id}`)).text();
    const photoUrl = leaderView
      .match(/src="(\/console\/applications\/[^"]+\/documents\/[^"]+)"/)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(photoUrl).toBeDefined();
    const photoResponse = await leader.get(photoUrl!);
    expect(photoResponse.status).toBe(200);
    expect(photoResponse.headers.get('cache-control')).toContain('no-store');
    // The same link does not open for someone else, nor after it expires.
    expect((await teacher.get(photoUrl!)).status).toBe(403);
    expect((await decide(leader, id, 'approve')).status).toBe(303);

    // The officer sets the 档次 from the catalogue; the principal approves and may reveal the number.
    const officer = await world.staffLogin('officer1');
    const officerView = await (await officer.get(`/console/applications/${id}`)).text();
    const tier = officerView.match(/<option value="([^"]+)"/)?.[1];
    expect(tier).toBeDefined();
    expect((await officer.post(`/console/applications/${id}/tier`, { tier: tier! })).status).toBe(303);
    const principal = await world.staffLogin('principal1');
    await principal.get(`/console/applications/${id}`);
    const revealed = await (await principal.post(`/console/applications/${id}/reveal-id`)).text();
    expect(revealed).toContain(CHILD_ID);
    expect((await decide(principal, id, 'approve')).status).toBe(303);

    // 公示: only the masked name, the class and the 档次.
    await officer.get('/console/applications/publicity');
    expect(
      (
        await officer.post('/console/applications/publicity', {
          title: '2026年秋季资助公示',
          workingDays: '5',
        })
      ).status,
    ).toBe(303);
    const [list] = await deps.database.db.select().from(publicityLists);
    const publicPage = await (await world.fetcher(`/gs/${list!.token}`)).text();
    expect(publicPage).toContain('学*****0');
    expect(publicPage).toContain('三年级(2)班');
    for (const secret of ['学生00000', CHILD_ID, '1101**********001X', SITUATION, '低保', '2016']) {
      expect(publicPage, `公示 shows ${secret}`).not.toContain(secret);
    }
    expect(publicPage).toContain('个工作日');

    // An objection is recorded and shown to the officer.
    const objection = await world.fetcher(`/gs/${list!.token}/objection`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ message: '名单中某同学家庭条件较好，请核实。' }).toString(),
    });
    expect(objection.status).toBe(303);
    expect(await (await officer.get('/console/applications/publicity')).text()).toContain('请核实');

    // Five working days later the scheduled job takes the list down.
    world.harness.clock.advance(8 * DAY);
    await runScheduledTasks(deps);
    await world.harness.queue.drain();
    const [down] = await deps.database.db.select().from(publicityLists);
    expect(down?.takenDownAt).not.toBeNull();
    expect((await world.fetcher(`/gs/${list!.token}`)).status).toBe(410);

    // 上报, 发放, 台账 (a new day, a new log-in).
    const officerLater = await world.staffLogin('officer1');
    await officerLater.get('/console/applications/publicity');
    expect((await officerLater.post(`/console/applications/publicity/${list!.id}/report`)).status).toBe(303);
    await officerLater.get(`/console/applications/${id}`);
    expect(
      (
        await officerLater.post(`/console/applications/${id}/pay`, {
          paidOn: '2026-09-20',
          channel: 'social_security_card',
        })
      ).status,
    ).toBe(303);
    expect((await decide(officerLater, id, 'archive')).status).toBe(303);
    const csv = await (
      await officerLater.get('/console/applications/ledger?term=2026-2027%3Aautumn&format=csv')
    ).text();
    expect(csv).toContain('学生00000');
    expect(csv).toContain('1101**********001X');
    expect(csv).not.toContain(CHILD_ID);
    expect(csv).toContain('2026-09-20');
    expect(csv).toContain('社保卡');
    const xlsx = await officerLater.get('/console/applications/ledger?term=2026-2027%3Aautumn&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    // Every step is audited.
    const actions = (
      await deps.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(like(auditLog.action, 'application.%'))
    ).map((row) => row.action);
    for (const action of [
      'application.submit',
      'application.approve',
      'application.tier',
      'application.reveal_id',
      'application.document_view',
      'application.publicise',
      'application.report',
      'application.pay',
      'application.archive',
    ])
      expect(actions, action).toContain(action);
    expect(actions.filter((action) => action === 'application.approve')).toHaveLength(3);

    // The guardian got a chat message at every step.
    await world.harness.queue.drain();
    const texts = await guardianTexts(world);
    for (const words of [
      '班主任已审查通过',
      '分管领导已审核通过',
      '校长已审批通过',
      '已进入校内公示',
      '已报送上级',
      '资助已发放',
      '已登记建档',
    ])
      expect(texts, words).toContain(words);
    // …and nobody else did.
    expect(await guardianTexts(world, 1)).not.toContain('申请');
  });
});

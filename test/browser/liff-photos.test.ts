import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DeliveredMessage,
  lineEvents,
  sendWebhook,
  startLineSimulator,
  type WebhookEvent,
  webhookBody,
} from '../../tools/line-sim/index.js';
import { CHILD_ID, FIXTURES } from '../applications/application-world.js';
import { artifactPath, SMALL_PHONE_VIEWPORT, useBrowserAndServer } from '../support/browser.js';
import { demoOfficer, printCodes } from '../support/security-fixtures.js';

// The LIFF photo page in Chromium, as LINE's in-app browser opens it: the application's "several photos at
// once" button in LINE opens /liff/apply; LINE's SDK (a stand-in that returns the simulator's ID token) gives
// the page its ID token, the server checks it with the simulator and sends the page on to the photo page of
// that LINE user's application. Walked at 360 px, at 200% zoom and at desktop width.

const SECRET = 'browser-liff-secret';
const TOKEN = 'browser-liff-token';
const CHANNEL = '1657000000';
const LIFF_ID = `${CHANNEL}-BrowserA`;
const SDK_URL = 'https://static.line-scdn.net/liff/edge/2/sdk.js';
const DESKTOP = { width: 1280, height: 900 };

const sim = await startLineSimulator({ channelAccessToken: TOKEN, channelId: CHANNEL });
afterAll(() => sim.close());

/** Enough of window.liff for the page: LINE has logged the user in, and this is their ID token. */
const liffStandIn = (idToken: string | null) => `window.liff = {
  init: function () { return Promise.resolve(); },
  isLoggedIn: function () { return true; },
  login: function () {},
  getIDToken: function () { return ${JSON.stringify(idToken)}; }
};`;

describe('the LIFF photo page in Chromium', () => {
  const env = useBrowserAndServer({
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: sim.url,
    LINE_DATA_API_BASE_URL: sim.url,
    LINE_LIFF_ID: LIFF_ID,
    LINE_LIFF_SDK_URL: SDK_URL,
  });

  /** A browser context in LINE: the SDK is the stand-in, answering for `userId`. */
  async function inLine(
    options: Parameters<ReturnType<typeof env.browser>['newContext']>[0],
    userId: string,
  ): Promise<BrowserContext> {
    const context = await env.browser().newContext({ locale: 'zh-CN', ...options });
    await context.route(SDK_URL, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: liffStandIn(sim.issueIdToken(userId)) }),
    );
    return context;
  }

  it('takes several photos for the LINE user the ID token names, on a phone, zoomed and on a desktop', async () => {
    const base = env.target().baseUrl;
    const fetcher = (path: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (headers.has('origin')) headers.set('origin', base);
      return fetch(`${base}${path}`, { redirect: 'manual', ...init, headers });
    };
    const officer = await demoOfficer(fetcher);
    const code = (await printCodes(officer, 'demo_p3_2')).get('demo_s1')!;

    // The mother in LINE, up to the first document of her application.
    const mother = sim.addUser({ language: 'zh-CN' });
    const act = async (event: (replyToken: string) => WebhookEvent): Promise<DeliveredMessage[]> => {
      const before = sim.messagesTo(mother.userId).length;
      const body = webhookBody([event(sim.issueReplyToken(mother.userId))]);
      expect((await sendWebhook(`${base}/webhook/line`, SECRET, body)).status).toBe(200);
      for (let wait = 0; wait < 300 && sim.messagesTo(mother.userId).length === before; wait++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return sim.messagesTo(mother.userId).slice(before);
    };
    const say = (text: string) => act((replyToken) => lineEvents.text(mother.userId, text, { replyToken }));
    const tap = (value: string) =>
      act((replyToken) => lineEvents.postback(mother.userId, `choice:${value}`, { replyToken }));
    await act((replyToken) => lineEvents.follow(mother.userId, { replyToken }));
    await say('绑定');
    await say(code);
    await tap('yes');
    await tap('mother');
    await say('菜单');
    await say('申请资助');
    await tap('compulsory_living_subsidy');
    await tap('yes');
    await say(CHILD_ID);
    await say('低保');
    await say('家里四口人，父亲生病，靠母亲打零工。');
    sim.addContent('doc-1', readFileSync(join(FIXTURES, 'progressive.jpg')), 'image/jpeg');
    await act((replyToken) => lineEvents.image(mother.userId, 'doc-1', { replyToken }));
    const offered = await tap('page');
    expect(JSON.stringify(offered)).toContain(`https://liff.line.me/${LIFF_ID}/apply`);

    // LINE opens the LIFF endpoint (PUBLIC_URL/liff) + /apply.
    const phone = await inLine({ viewport: SMALL_PHONE_VIEWPORT, deviceScaleFactor: 2 }, mother.userId);
    const page = await phone.newPage();
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    await page.goto(`${base}/liff/apply`);
    await page.waitForURL(/\/apply\/[A-Za-z0-9_-]+$/);
    await page.getByRole('heading', { name: '上传申请材料照片' }).waitFor();
    expect(await page.locator('[data-count="household_register"]').textContent()).toBe('1');
    await page.screenshot({ path: artifactPath('liff-photos-360.png'), fullPage: true });
    for (const name of ['gps-orientation-6.jpg', 'metadata.png'])
      copyFileSync(join(FIXTURES, name), join(env.filesDir, name));
    await page
      .getByLabel('户口本（户主页和孩子页）')
      .setInputFiles([join(env.filesDir, 'gps-orientation-6.jpg'), join(env.filesDir, 'metadata.png')]);
    await page.getByLabel('低保证').setInputFiles([join(env.filesDir, 'metadata.png')]);
    // The page's own "choose" buttons say what is chosen, in the guardian's language.
    expect(await page.locator('[data-chosen="household_register"]').textContent()).toBe(
      '已选好 2 张，还没上传',
    );
    await page.screenshot({ path: artifactPath('liff-photos-360-chosen.png'), fullPage: true });
    await page.getByRole('button', { name: '上传所选照片' }).click();
    await page.getByText('已上传 3 张').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-chosen="household_register"]').textContent()).toBe('');
    expect(await page.locator('[data-count="household_register"]').textContent()).toBe('3');
    expect(await page.locator('[data-count="subsistence_certificate"]').textContent()).toBe('1');
    // Each photo just sent is listed with its picture; a wrong one comes off with its button.
    const sent = page.locator('[data-sent="household_register"] li');
    expect(await sent.count()).toBe(2);
    expect(
      await sent
        .first()
        .locator('img')
        .evaluate((image: HTMLImageElement) => image.naturalWidth),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('liff-photos-360-listed.png'), fullPage: true });
    await sent.last().getByRole('button', { name: '删除这张' }).click();
    await page.getByText('已删除这张照片').waitFor();
    expect(await sent.count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      SMALL_PHONE_VIEWPORT.width,
    );
    expect(await page.locator('[data-count="household_register"]').textContent()).toBe('2');
    await page.screenshot({ path: artifactPath('liff-photos-360-uploaded.png'), fullPage: true });

    // Large text: the same phone at 200% zoom (half as many CSS pixels across).
    const zoomed = await inLine(
      { viewport: { width: 180, height: 370 }, deviceScaleFactor: 4 },
      mother.userId,
    );
    const big = await zoomed.newPage();
    await big.goto(`${base}/liff/apply`);
    await big.getByRole('heading', { name: '上传申请材料照片' }).waitFor();
    expect(await big.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(180);
    await big.screenshot({ path: artifactPath('liff-photos-360-zoom200.png'), fullPage: true });

    const desktop = await inLine({ viewport: DESKTOP }, mother.userId);
    const wide = await desktop.newPage();
    await wide.goto(`${base}/liff/apply`);
    await wide.getByRole('heading', { name: '上传申请材料照片' }).waitFor();
    await wide.screenshot({ path: artifactPath('liff-photos-desktop.png') });

    // A LINE user with no application: the page says so in words, and nothing opens.
    const stranger = sim.addUser({ language: 'zh-CN' });
    const other = await inLine({ viewport: SMALL_PHONE_VIEWPORT, deviceScaleFactor: 2 }, stranger.userId);
    const none = await other.newPage();
    await none.goto(`${base}/liff/apply`);
    await none.getByText('您现在没有需要补照片的申请').waitFor();
    expect(none.url()).toBe(`${base}/liff/apply`);
    await none.screenshot({ path: artifactPath('liff-photos-no-application-360.png'), fullPage: true });

    // The chat goes on from the page: both documents have their photos, so the pledge comes next.
    expect(JSON.stringify(await tap('uploaded'))).toContain('书面承诺');
    expect(failures.filter((line) => !line.includes('404'))).toEqual([]);
    for (const context of [phone, zoomed, desktop, other]) await context.close();
  });
});

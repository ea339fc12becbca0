import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { artifactPath, useBrowserAndServer } from '../support/browser.js';
import { TINY_PNG } from '../support/chat-client.js';

const PHONE = { width: 360, height: 740 };
const A4 = { width: 794, height: 1123 };

describe('the 知晓率 dashboard and the printed receipt cards (Chromium)', () => {
  const env = useBrowserAndServer();

  it('a teacher follows a notice, reminds, and prints the signed receipt cards', async () => {
    const base = env.target().baseUrl;
    const desk = await env.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const staff = await desk.newPage();
    await staff.goto(`${base}/console`);
    await staff.getByLabel('用户名').fill('demo-teacher');
    await staff.getByLabel('密码').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByRole('link', { name: '三年级二班' }).click();
    await staff.getByRole('button', { name: '生成并打印绑定码' }).click();
    const code = await staff.locator('.slip .code').first().getAttribute('data-code');

    // One parent binds in the web chat; the other family is reached by no channel.
    const phone = await env.browser().newContext({ viewport: PHONE, locale: 'zh-CN' });
    const chat = await phone.newPage();
    await chat.goto(`${base}/chat?bind=${code}`);
    await chat.getByText('是您的孩子吗').waitFor();
    await chat.getByRole('button', { name: '是的' }).last().click();
    await chat.getByRole('button', { name: '母亲' }).click();
    await chat.getByText('绑定成功').waitFor();

    await staff.goto(`${base}/console/notices`);
    await staff.getByRole('link', { name: /资助政策明白卡/ }).click();
    await staff.getByRole('button', { name: '保存草稿' }).click();
    // Before sending: who the notice will reach, and the family none reaches (masked), by class.
    await staff.locator('#reach').scrollIntoViewIfNeeded();
    expect(await staff.locator('[data-reach="unreached"] b').textContent()).toBe('1');
    expect(await staff.locator('#unreached tbody tr').count()).toBe(1);
    await staff.locator('#reach').screenshot({ path: artifactPath('notice-send-reach-desktop.png') });
    const draft = await desk.newPage();
    await draft.setViewportSize(PHONE);
    await draft.goto(staff.url());
    await draft.locator('#reach').screenshot({ path: artifactPath('notice-send-reach-360.png') });
    expect(await draft.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width + 1,
    );
    await draft.close();
    await staff.getByRole('button', { name: '发送', exact: true }).click();
    await staff.getByRole('link', { name: '查看知晓率统计' }).click();
    await staff.locator('[data-tile="delivered"] b').waitFor();
    // The send runs in the background: the page refreshes itself until every family is handled.
    await expect
      .poll(async () => staff.locator('[data-tile="delivered"] b').textContent(), { timeout: 20_000 })
      .toBe('50%');
    await staff.getByText('有 1 户家庭还没有绑定任何渠道').waitFor();

    // The parent opens the card's link and signs (as the signing page posts it).
    await chat.reload();
    const link = await chat.locator('.card a', { hasText: '查看通知' }).first().getAttribute('href');
    const signed = await chat.evaluate(
      async ({ link, png }) => {
        await fetch(link!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'q0=1',
        });
        const response = await fetch(`${link}/signature`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            answers: [1],
            strokes: [
              {
                points: [
                  { x: 20, y: 90, time: 1, pressure: 0.5 },
                  { x: 80, y: 30, time: 2, pressure: 0.5 },
                  { x: 160, y: 110, time: 3, pressure: 0.5 },
                  { x: 260, y: 40, time: 4, pressure: 0.5 },
                ],
              },
            ],
            width: 320,
            height: 160,
            png,
          }),
        });
        return response.status;
      },
      { link, png: `data:image/png;base64,${btoa(String.fromCharCode(...TINY_PNG))}` },
    );
    expect(signed).toBe(201);

    await staff.reload();
    await expect.poll(async () => staff.locator('[data-tile="signed"] b').textContent()).toBe('50%');
    expect(await staff.locator('svg.awareness-chart rect').count()).toBeGreaterThanOrEqual(4);
    await staff.screenshot({ path: artifactPath('notice-dashboard-desktop.png'), fullPage: true });

    const small = await desk.newPage();
    await small.setViewportSize(PHONE);
    await small.goto(staff.url());
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width + 1,
    );
    await small.screenshot({ path: artifactPath('notice-dashboard-360.png'), fullPage: true });

    // The family that has not signed is one no channel reaches: no reminder is offered, paper is.
    expect(await staff.locator('#remind-all').count()).toBe(0);
    const dashboardUrl = staff.url();

    // The term's 知晓率 across its notices, at desktop width, at 360 px and in large text.
    await small.goto(`${base}/console/notices/term`);
    await small.locator('[data-tile="signed"] b').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width + 1,
    );
    await small.screenshot({ path: artifactPath('notice-term-360.png'), fullPage: true });
    await small.addStyleTag({ content: 'html{font-size:150%}' });
    await small.screenshot({ path: artifactPath('notice-term-360-large.png'), fullPage: true });
    await staff.goto(`${base}/console/notices/term`);
    expect(await staff.locator('[data-tile="signed"] b').textContent()).toBe('50%');
    await staff.screenshot({ path: artifactPath('notice-term-desktop.png'), fullPage: true });

    // The county aid centre's view across schools, drilling down into the school.
    const county = await env
      .browser()
      .newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const district = await county.newPage();
    await district.goto(`${base}/console`);
    await district.getByLabel('用户名').fill('demo-district');
    await district.getByLabel('密码').fill(DEMO_PASSWORD);
    await district.getByRole('button', { name: '登录' }).click();
    await district.goto(`${base}/console/notices/district`);
    await district.locator('svg.awareness-chart').waitFor();
    await district.screenshot({ path: artifactPath('notice-district-desktop.png'), fullPage: true });
    await district.setViewportSize(PHONE);
    await district.screenshot({ path: artifactPath('notice-district-360.png'), fullPage: true });
    await district.setViewportSize({ width: 1280, height: 900 });
    await district.locator('table.awareness a').first().click();
    await district.locator('#term-dates').waitFor();
    await county.close();

    // The archive: one card, printed on A4.
    await staff.goto(`${dashboardUrl.replace(/\/dashboard.*$/, '')}/archive`);
    const card = staff.locator('article.rcard');
    expect(await card.count()).toBe(1);
    expect(
      await card
        .locator('img')
        .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    ).toBe(true);
    await staff.pdf({ path: artifactPath('notice-receipt-cards.pdf'), format: 'A4', printBackground: true });
    await staff.setViewportSize(A4);
    await staff.emulateMedia({ media: 'print' });
    await staff.screenshot({ path: artifactPath('notice-receipt-card-print.png'), fullPage: true });
    await staff.emulateMedia({ media: 'screen' });
  });
});

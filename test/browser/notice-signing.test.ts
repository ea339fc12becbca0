import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { artifactPath, useBrowserAndServer } from '../support/browser.js';

const PHONE = { width: 360, height: 740 };

describe('a parent reads and signs a 明白卡 on a phone (Chromium)', () => {
  const env = useBrowserAndServer();

  it('teacher sends, parent answers and signs with the mouse at 360 px, teacher sees the signature', async () => {
    const base = env.target().baseUrl;
    const teacherContext = await env
      .browser()
      .newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const staff = await teacherContext.newPage();
    await staff.goto(`${base}/console`);
    await staff.getByLabel('用户名').fill('demo-teacher');
    await staff.getByLabel('密码').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByRole('link', { name: '三年级二班' }).click();
    await staff.getByRole('button', { name: '生成并打印绑定码' }).click();
    const code = await staff.locator('.slip .code').first().getAttribute('data-code');
    expect(code).toMatch(/^[2-9A-Z]{8}$/);

    // The parent binds their child in the web chat on a phone.
    const parentContext = await env
      .browser()
      .newContext({ viewport: PHONE, locale: 'zh-CN', deviceScaleFactor: 2 });
    const chat = await parentContext.newPage();
    await chat.goto(`${base}/chat?bind=${code}`);
    await chat.getByText('是您的孩子吗').waitFor();
    await chat.getByRole('button', { name: '是的' }).last().click();
    await chat.getByRole('button', { name: '母亲' }).click();
    await chat.getByText('绑定成功').waitFor();

    // The teacher writes a 明白卡 for their class from the template and sends it.
    await staff.goto(`${base}/console/notices`);
    await staff.getByRole('link', { name: /资助政策明白卡/ }).click();
    await staff.getByRole('button', { name: '保存草稿' }).click();
    await staff.getByRole('button', { name: '发送', exact: true }).click();
    await staff.getByText('进度').first().waitFor();

    // The card arrives in the chat; the title counts it as unread.
    await chat.reload();
    const card = chat.locator('.card', { hasText: '小学学生资助政策明白卡' });
    await card.waitFor();
    await expect.poll(() => chat.title(), { timeout: 10_000 }).toMatch(/^\(1\) /);
    await chat.screenshot({ path: artifactPath('notice-chat-card.png') });
    const [notice] = await Promise.all([
      chat.waitForEvent('popup'),
      card.getByRole('link', { name: '查看通知' }).click(),
    ]);
    await notice.setViewportSize(PHONE);
    await notice.getByRole('heading', { name: '小学学生资助政策明白卡' }).waitFor();
    expect(await notice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await notice.screenshot({ path: artifactPath('notice-page-360.png'), fullPage: true });

    // A wrong answer first, then the right one.
    await notice.getByText('需要先交手续费才能领取').click();
    await notice.getByRole('button', { name: '已阅读并知晓，去签名' }).click();
    await notice.getByText('要您交钱的都是诈骗').waitFor();
    await notice.getByText('不需要，资助不收取任何费用').click();
    await notice.getByRole('button', { name: '已阅读并知晓，去签名' }).click();

    const canvas = notice.locator('canvas#signature');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    const stroke = async (points: [number, number][]) => {
      await notice.mouse.move(box.x + points[0]![0], box.y + points[0]![1]);
      await notice.mouse.down();
      for (const [x, y] of points.slice(1)) await notice.mouse.move(box.x + x, box.y + y, { steps: 4 });
      await notice.mouse.up();
    };
    await stroke([
      [30, 120],
      [60, 50],
      [90, 130],
      [120, 60],
    ]);
    await stroke([
      [150, 70],
      [200, 70],
      [175, 70],
      [175, 140],
    ]);
    await stroke([
      [230, 60],
      [260, 140],
      [290, 60],
    ]);
    const inked = () =>
      notice.evaluate(() => {
        const element = document.getElementById('signature') as HTMLCanvasElement;
        const pixels = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
        let count = 0;
        for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) count++;
        return count;
      });
    const before = await inked();
    expect(before).toBeGreaterThan(200);
    // Turning the phone (a resize) keeps the signature.
    await notice.setViewportSize({ width: 740, height: 360 });
    await notice.setViewportSize(PHONE);
    expect(await inked()).toBeGreaterThan(200);
    await notice.screenshot({ path: artifactPath('notice-signing-360.png'), fullPage: true });
    await notice.getByRole('button', { name: '提交签名' }).click();
    await notice.getByText('已收到您的签名确认').waitFor();
    await notice.screenshot({ path: artifactPath('notice-signed-360.png'), fullPage: true });

    // The teacher sees it signed, with the signature.
    await staff.reload();
    const signature = staff.locator('img.signature');
    await signature.waitFor();
    expect(
      await signature.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    ).toBe(true);
    await staff.screenshot({ path: artifactPath('notice-console-receipts.png'), fullPage: true });
  });
});

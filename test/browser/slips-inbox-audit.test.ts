import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { artifactPath, useBrowserAndServer } from '../support/browser.js';
import { TINY_PNG } from '../support/chat-client.js';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** Nothing on the page may need sideways scrolling. */
async function expectNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

describe('slips, the inbox and the audit log (Chromium)', () => {
  const env = useBrowserAndServer();

  it('a teacher reprints one slip, a parent writes, the teacher replies, the parent sees it marked unread', async () => {
    const base = env.target().baseUrl;
    const staff = await env.browser().newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await staff.newPage();
    await page.goto(`${base}/console`);
    await page.getByLabel('用户名').fill('demo-teacher');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-progress="demo_p3_2"]').getByText('0 / 2 名已绑定').waitFor();
    await page.screenshot({ path: artifactPath('slips-home-progress-desktop.png') });

    // Print the whole class, then reprint only 李朵朵: 王小明's slip from the first print stays valid.
    await page.getByRole('link', { name: '三年级二班' }).click();
    await page.locator('#students').selectOption('all');
    await page.getByRole('button', { name: '生成并打印绑定码' }).click();
    await page.locator('.slip').first().waitFor();
    const firstPrint = page.url();
    const wangCode = await page.locator('.slip[data-student="demo_s1"] .code').getAttribute('data-code');
    await page.reload();
    expect(await page.locator('.slip[data-student="demo_s1"] .code').getAttribute('data-code')).toBe(
      wangCode,
    );
    expect(await page.locator('.slip svg').count()).toBe(2);
    await expect
      .poll(() => page.locator('.slip .link').first().textContent())
      .toContain('mingbai.example.edu.cn/b/');
    await page.screenshot({ path: artifactPath('slips-print-desktop.png'), fullPage: true });
    await page.goto(`${base}/console/classes/demo_p3_2`);
    await page.locator('[data-reprint="demo_s2"]').click();
    await page.locator('.slip[data-student="demo_s2"]').waitFor();
    expect(await page.locator('.slip').count()).toBe(1);
    await page.goto(firstPrint);
    await page.locator('.slip[data-student="demo_s2"][data-status="replaced"]').waitFor();
    await page.screenshot({ path: artifactPath('slips-first-print-after-reprint.png'), fullPage: true });

    // The parent binds 王小明 with the first slip and leaves a message with a photo.
    const family = await env.browser().newContext({ viewport: PHONE, locale: 'zh-CN' });
    const phone = await family.newPage();
    await phone.goto(`${base}/chat?bind=${wangCode}`);
    await phone.getByText('的 王*明，是您的孩子吗').waitFor();
    await phone.getByRole('button', { name: '是的' }).last().click();
    await phone.getByRole('button', { name: '母亲' }).click();
    await phone.getByText('绑定成功').waitFor();
    await phone.getByRole('button', { name: '联系资助老师' }).last().click();
    await phone.getByRole('button', { name: '申请材料和进度' }).last().click();
    await phone.locator('#text').fill('家庭经济困难认定表交到哪里？');
    await phone.getByRole('button', { name: '发送', exact: true }).click();
    await phone.getByText('拍一张相关材料的照片').waitFor();
    const photo = join(env.filesDir, 'form.png');
    writeFileSync(photo, TINY_PNG);
    await phone.locator('#photo').setInputFiles(photo);
    await phone.getByText('确认发送吗').waitFor();
    await phone.getByRole('button', { name: '是的' }).last().click();
    await phone.getByRole('button', { name: '王*明 · 三年级二班' }).click();
    await phone
      .getByText('已转给 三年级二班 班主任和 明白县第一小学（演示） 资助老师，一般在两个工作日内回复')
      .waitFor();
    await expectNoSideways(phone);
    await phone.screenshot({ path: artifactPath('inbox-chat-sent-phone.png'), fullPage: true });

    // The teacher sees the unread count, opens the thread on a phone and replies.
    const teacherPhone = await staff.newPage();
    await teacherPhone.setViewportSize(PHONE);
    await teacherPhone.goto(`${base}/console`);
    expect(await teacherPhone.locator('[data-nav="inbox"] .badge').textContent()).toBe('1');
    expect(await teacherPhone.title()).toMatch(/^\(1\) /);
    await teacherPhone.screenshot({ path: artifactPath('inbox-nav-unread-phone.png'), fullPage: true });
    await teacherPhone.locator('[data-nav="inbox"]').click();
    await teacherPhone.getByText('王小明（三年级二班）的母亲').waitFor();
    await expectNoSideways(teacherPhone);
    await teacherPhone.screenshot({ path: artifactPath('inbox-list-phone.png'), fullPage: true });
    await teacherPhone.getByText('王小明（三年级二班）的母亲').click();
    await teacherPhone.getByText('家庭经济困难认定表交到哪里？').waitFor();
    expect(
      await teacherPhone.locator('img.photo').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1);
    await teacherPhone.locator('#body').fill('请交给班主任，截止到 9 月 20 日。');
    await teacherPhone.getByRole('button', { name: '发送回复' }).click();
    await teacherPhone.locator('[data-status="answered"]').waitFor();
    await expectNoSideways(teacherPhone);
    await teacherPhone.screenshot({ path: artifactPath('inbox-thread-phone.png'), fullPage: true });
    await page.goto(teacherPhone.url());
    await page.screenshot({ path: artifactPath('inbox-thread-desktop.png'), fullPage: true });

    // The parent opens the chat again: the reply is there, marked, and the tab title counts it.
    await phone.reload();
    await phone.getByText('请交给班主任，截止到 9 月 20 日。').waitFor();
    expect(await phone.locator('.bubble.staff.fresh .from').textContent()).toBe(
      '三年级二班 班主任 周老师（演示班主任）',
    );
    expect(await phone.title()).toBe('(1) 明白 · 学生资助助手');
    await phone.screenshot({ path: artifactPath('inbox-chat-reply-phone.png') });
    await phone.locator('#text').click();
    expect(await phone.title()).toBe('明白 · 学生资助助手');
    // Opened again later, the same reply is no longer new.
    await phone.reload();
    await phone.getByText('请交给班主任，截止到 9 月 20 日。').waitFor();
    expect(await phone.locator('.bubble.staff.fresh').count()).toBe(0);
    expect(await phone.title()).toBe('明白 · 学生资助助手');
    await phone.getByRole('button', { name: '菜单' }).click();
    await phone.locator('.choices button:not([disabled])', { hasText: '我的留言' }).click();
    await phone.getByText('最新回复：请交给班主任').waitFor();
    await phone.screenshot({ path: artifactPath('inbox-chat-my-messages-phone.png') });
  });

  it('the officer reads the audit log by name and time zone, on a phone and a desktop', async () => {
    const base = env.target().baseUrl;
    const context = await env.browser().newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/console`);
    await page.getByLabel('用户名').fill('demo-officer');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '操作日志' }).click();
    await page.getByText('时间为 Asia/Shanghai, UTC+08:00').waitFor();
    await page.locator('#action').selectOption('inbox.reply');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.locator('tr[data-action="inbox.reply"]').first().waitFor();
    expect(await page.locator('tbody tr').count()).toBe(
      await page.locator('tr[data-action="inbox.reply"]').count(),
    );
    await expectNoSideways(page);
    await page.screenshot({ path: artifactPath('audit-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.locator('#action').selectOption('');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.locator('tr[data-action="binding.create"]').first().waitFor();
    await page.screenshot({ path: artifactPath('audit-desktop.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    expect(file).toBeTruthy();
  });
});

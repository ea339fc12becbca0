import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo-school.js';
import { artifactPath, PHONE_VIEWPORT, useBrowserAndServer } from '../support/browser.js';

const ROSTER = [
  '班级,学号,学生姓名,监护人姓名,与学生关系,监护人手机号',
  '三年级二班,D20230203,孙小雨,孙建华,父亲,13700001111',
  '三年级二班,D20230204,周一一,周丽,母亲,13700002222',
].join('\r\n');

describe('a class teacher brings parents on board (Chromium)', () => {
  const env = useBrowserAndServer();

  it('imports a roster, prints binding codes, and sees a parent bind through the chat', async () => {
    const teacher = await env
      .browser()
      .newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    const page = await teacher.newPage();
    await page.goto(`${env.target().baseUrl}/console`);
    await page.getByLabel('用户名').fill('demo-teacher');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '三年级二班' }).waitFor();
    await page.screenshot({ path: artifactPath('console-classes.png') });

    await page.getByRole('link', { name: '导入名单' }).click();
    const rosterFile = join(env.filesDir, '三年级二班名单.csv');
    writeFileSync(rosterFile, ROSTER);
    await page.locator('input[type=file]').setInputFiles(rosterFile);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('新增学生 2 名').waitFor();
    await page.screenshot({ path: artifactPath('console-import-preview.png'), fullPage: true });
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成：新增学生 2 名').waitFor();

    await page.getByRole('link', { name: '查看班级' }).click();
    await page.getByRole('link', { name: '三年级二班' }).click();
    await page.getByText('孙小雨').waitFor();
    await page.getByRole('button', { name: '生成并打印绑定码' }).click();
    const slip = page.locator('.slip', { hasText: '孙小雨' });
    await slip.waitFor();
    expect(await slip.locator('svg').count()).toBe(1);
    const code = await slip.locator('.code').getAttribute('data-code');
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await page.screenshot({ path: artifactPath('console-binding-slips.png'), fullPage: true });

    // A parent in their own browser scans the slip's QR code, which opens the chat with the code filled in.
    const parent = await env.browser().newContext({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    const phone = await parent.newPage();
    await phone.goto(`${env.target().baseUrl}/chat?bind=${code}`);
    await phone.getByText('的 孙*雨，是您的孩子吗').waitFor();
    await phone.getByRole('button', { name: '是的' }).last().click();
    await phone.getByRole('button', { name: '父亲' }).click();
    await phone.getByText('绑定成功').waitFor();
    await phone.screenshot({ path: artifactPath('chat-bound.png') });

    await page.goto(`${env.target().baseUrl}/console/classes/demo_p3_2`);
    const row = page.locator('tr', { hasText: '孙小雨' });
    await row.locator('[data-guardian]', { hasText: '孙建华' }).getByText('已绑定').waitFor();
    expect(await page.locator('tr', { hasText: '周一一' }).getByText('已绑定').count()).toBe(0);
    await page.screenshot({ path: artifactPath('console-class-bound.png'), fullPage: true });
  });
});

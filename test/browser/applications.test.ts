import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_ID, FIXTURES } from '../applications/application-world.js';
import { artifactPath, SMALL_PHONE_VIEWPORT, useBrowserAndServer } from '../support/browser.js';
import { boundParent, demoOfficer, printCodes, STAFF_PASSWORD } from '../support/security-fixtures.js';

const DESKTOP = { width: 1280, height: 900 };

describe('applications in Chromium: the multi-photo page, the review queue and the 公示 page', () => {
  const env = useBrowserAndServer();

  it('a parent adds several photos at 360 px; reviewers work the queue; the 公示 page shows only masked lines', async () => {
    const base = env.target().baseUrl;
    // Form posts carry the server's own origin, as a browser on it would send.
    const fetcher = (path: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (headers.has('origin')) headers.set('origin', base);
      return fetch(`${base}${path}`, { redirect: 'manual', ...init, headers });
    };
    const officer = await demoOfficer(fetcher);
    for (const [username, role] of [
      ['demo-leader', 'school_leader'],
      ['demo-principal', 'principal'],
    ] as const) {
      await officer.get('/console/accounts');
      const created = await officer.post('/console/accounts', {
        username,
        displayName: username,
        role,
        password: STAFF_PASSWORD,
      });
      expect(created.status).toBe(200);
    }
    const codes = await printCodes(officer, 'demo_p3_2');
    const chat = await boundParent(fetcher, codes.get('demo_s1')!);

    // The chat part through the web chat API, as the page would send it.
    await chat.choose('cmd:menu');
    await chat.choose('apply');
    await chat.choose('compulsory_living_subsidy');
    await chat.choose('yes');
    await chat.text(CHILD_ID);
    await chat.text('低保');
    await chat.text('家里四口人，父亲生病，靠母亲打零工。');
    const form = new FormData();
    const { readFileSync } = await import('node:fs');
    form.append(
      'file',
      new Blob([readFileSync(join(FIXTURES, 'progressive.jpg'))], { type: 'image/jpeg' }),
      'a.jpg',
    );
    expect((await chat.raw('/images', { method: 'POST', body: form })).status).toBe(201);
    const link = await chat.choose('page');
    const url = link.messages.flatMap((message) => (message.type === 'link' ? [message.url] : []))[0]!;
    const path = new URL(url).pathname;

    // The multi-photo page on a small phone: several photos per document, shrunk in the browser.
    const phone = await env
      .browser()
      .newContext({ viewport: SMALL_PHONE_VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { name: '上传申请材料照片' }).waitFor();
    await page.screenshot({ path: artifactPath('apply-photos-360.png'), fullPage: true });
    for (const name of ['gps-orientation-6.jpg', 'metadata.png', 'progressive.jpg'])
      copyFileSync(join(FIXTURES, name), join(env.filesDir, name));
    await page
      .getByLabel('户口本（户主页和孩子页）')
      .setInputFiles([join(env.filesDir, 'gps-orientation-6.jpg')]);
    await page
      .getByLabel('低保证')
      .setInputFiles([join(env.filesDir, 'metadata.png'), join(env.filesDir, 'progressive.jpg')]);
    await page.getByRole('button', { name: '上传所选照片' }).click();
    await page.getByText('已上传 3 张').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-count="subsistence_certificate"]').textContent()).toBe('2');
    expect(await page.locator('[data-count="household_register"]').textContent()).toBe('2');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      SMALL_PHONE_VIEWPORT.width,
    );
    await page.screenshot({ path: artifactPath('apply-photos-360-uploaded.png'), fullPage: true });

    await chat.choose('uploaded');
    await chat.choose('yes');
    await chat.choose('yes');
    const submitted = await chat.choose('submit');
    expect(JSON.stringify(submitted.messages)).toContain('已提交');

    // The teacher's review queue, desktop and phone; the teacher approves from the detail page.
    const staffContext = await env.browser().newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const staff = await staffContext.newPage();
    const logIn = async (username: string, password: string) => {
      await staffContext.clearCookies();
      await staff.goto(`${base}/console/login`);
      await staff.getByLabel('用户名').fill(username);
      await staff.getByLabel('密码').fill(password);
      await staff.getByRole('button', { name: '登录' }).click();
      await staff.waitForURL(`${base}/console`);
    };
    const { DEMO_PASSWORD } = await import('../../src/demo/seed-demo-school.js');
    await logIn('demo-teacher', DEMO_PASSWORD);
    await staff.getByRole('link', { name: '资助申请' }).click();
    await staff.getByRole('link', { name: '王小明' }).waitFor();
    await staff.screenshot({ path: artifactPath('review-queue-desktop.png'), fullPage: true });
    await staff.setViewportSize(SMALL_PHONE_VIEWPORT);
    await staff.screenshot({ path: artifactPath('review-queue-360.png'), fullPage: true });
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      SMALL_PHONE_VIEWPORT.width,
    );
    await staff.setViewportSize(DESKTOP);
    await staff.getByRole('link', { name: '王小明' }).click();
    await staff.getByText('班主任不查看材料照片').waitFor();
    await staff.getByRole('button', { name: '通过', exact: true }).click();
    await staff.getByText('已通过。').waitFor();

    // The leader sees the photos and batch-approves from the queue.
    await logIn('demo-leader', STAFF_PASSWORD);
    await staff.goto(`${base}/console/applications`);
    await staff.getByRole('link', { name: '王小明' }).click();
    await staff.locator('.photos img').first().waitFor();
    expect(await staff.locator('.photos img').count()).toBe(4);
    const loaded = await staff
      .locator('.photos img')
      .first()
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    expect(loaded).toBe(true);
    await staff.screenshot({ path: artifactPath('review-detail-desktop.png'), fullPage: true });
    await staff.goto(`${base}/console/applications`);
    await staff.getByRole('checkbox').first().check();
    await staff.getByRole('button', { name: '批量通过所选申请' }).click();
    await staff.getByText('已通过 1 份申请').waitFor();

    // The officer sets the 档次, the principal approves, the officer publishes the 公示.
    await logIn('demo-officer', DEMO_PASSWORD);
    await staff.goto(`${base}/console/applications?status=all`);
    await staff.getByRole('link', { name: '王小明' }).click();
    await staff.getByRole('button', { name: '确定档次' }).click();
    await staff.getByText('档次已确定').waitFor();
    await logIn('demo-principal', STAFF_PASSWORD);
    await staff.goto(`${base}/console/applications`);
    await staff.getByRole('link', { name: '王小明' }).click();
    await staff.getByRole('button', { name: '通过', exact: true }).click();
    await staff.getByText('已通过。').waitFor();
    await logIn('demo-officer', DEMO_PASSWORD);
    await staff.goto(`${base}/console/applications/publicity`);
    await staff.getByRole('button', { name: '发布公示' }).click();
    await staff.getByText('公示中').waitFor();
    await staff.screenshot({ path: artifactPath('publicity-console-desktop.png'), fullPage: true });
    const publicLink = await staff
      .getByRole('link', { name: '家庭经济困难学生资助名单公示' })
      .getAttribute('href');

    // The public page at 360 px and at desktop width: masked name, class, 档次, countdown, objection form.
    const publicPage = await phone.newPage();
    await publicPage.goto(`${base}${publicLink}`);
    await publicPage.getByTestId('countdown').waitFor();
    const text = await publicPage.locator('body').innerText();
    expect(text).toContain('王*明');
    expect(text).not.toContain('王小明');
    expect(text).not.toContain(CHILD_ID);
    expect(text).not.toContain('父亲生病');
    expect(await publicPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      SMALL_PHONE_VIEWPORT.width,
    );
    await publicPage.screenshot({ path: artifactPath('publicity-page-360.png'), fullPage: true });
    await publicPage.getByLabel('异议内容').fill('请核实名单。');
    await publicPage.getByRole('button', { name: '提交' }).click();
    await publicPage.getByText('已收到您的异议').waitFor();
    await publicPage.setViewportSize(DESKTOP);
    await publicPage.screenshot({ path: artifactPath('publicity-page-desktop.png'), fullPage: true });
  });
});

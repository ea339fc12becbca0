import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, SMALL_PHONE_VIEWPORT, useBrowserAndServer } from '../support/browser.js';

// A newcomer's first hour in Chromium, from `npm start -- --no-demo`: setup with the token from the log,
// a school, its officer, a term, the first class and its teacher, slips printed, a parent binding and
// writing, the teacher replying from the inbox. The console pages are also looked at on a 360 px phone:
// nothing may scroll sideways.
const PASSWORD = 'browser-first-pass-1';

function tokenFromLog(log: string): string {
  const line = log.split('\n').find((each) => each.includes('"setupToken"'));
  return line ? ((JSON.parse(line) as { setupToken?: string }).setupToken ?? '') : '';
}

/** The page fits a 360 px screen: no sideways scroll, and table names stay on one line. */
async function expectFitsPhone(page: Page, name: string) {
  await page.screenshot({ path: artifactPath(`${name}-360.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  const tallNames = await page.evaluate(() =>
    [...document.querySelectorAll('td.name')]
      .filter((cell) => (cell.firstElementChild ?? cell).getBoundingClientRect().height > 40)
      .map((cell) => cell.textContent),
  );
  expect(tallNames, `${name}: names wrapping`).toEqual([]);
}

describe('first-run setup to the first inbox reply (Chromium)', () => {
  const env = useBrowserAndServer({ SEED_DEMO: 'false' });

  it('walks a newcomer from setup to a teacher answering a parent, on desktop and on a 360 px phone', async () => {
    const base = env.target().baseUrl;
    const desktop = await env
      .browser()
      .newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    const phone = await env.browser().newContext({ viewport: SMALL_PHONE_VIEWPORT, locale: 'zh-CN' });
    const page = await desktop.newPage();
    const small = await phone.newPage();
    const both = async (path: string, name: string) => {
      await page.screenshot({ path: artifactPath(`${name}-desktop.png`), fullPage: true });
      await small.goto(`${base}${path}`);
      await expectFitsPhone(small, name);
    };

    await page.goto(`${base}/console`);
    await page.getByRole('heading', { name: '首次设置' }).waitFor();
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    await both('/console/setup', 'setup');

    await page.getByLabel('设置口令（SETUP_TOKEN）').fill('not-the-token');
    await page.getByLabel('县（区）名称').fill('清溪县');
    await page.getByLabel('姓名').fill('周主任');
    await page.getByLabel('用户名').fill('周主任');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再输入一次密码').fill(PASSWORD);
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('设置口令不正确').waitFor();
    await page.screenshot({ path: artifactPath('setup-wrong-token.png'), fullPage: true });
    // What was typed is still there; only the passwords need typing again.
    expect(await page.getByLabel('县（区）名称').inputValue()).toBe('清溪县');

    await page.getByLabel('设置口令（SETUP_TOKEN）').fill(tokenFromLog(env.target().output()));
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再输入一次密码').fill(PASSWORD);
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('用户名不能用汉字').waitFor();
    await page.screenshot({ path: artifactPath('setup-chinese-username.png'), fullPage: true });
    await page.getByLabel('用户名').fill('zhou');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再输入一次密码').fill(PASSWORD);
    await page.getByLabel('学校名称（可选）').fill('清溪县中心小学');
    await page.getByRole('button', { name: '完成设置' }).click();
    // Stage, ownership and location decide eligibility: nothing is preselected, so nothing is guessed.
    await page.getByText('请选择学段').waitFor();
    await page.getByLabel('用户名').fill('zhou');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('再输入一次密码').fill(PASSWORD);
    await page.getByLabel('学段').selectOption('primary');
    await page.getByLabel('办学性质').selectOption('public');
    await page.getByLabel('学校所在地').selectOption('rural');
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('设置完成。请用用户名 zhou 登录').waitFor();
    await page.screenshot({ path: artifactPath('setup-done.png'), fullPage: true });

    await page.getByRole('link', { name: '去登录' }).click();
    await page.getByLabel('用户名').fill('zhou');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '学校', exact: true }).click();
    await page.getByRole('link', { name: '清溪县中心小学' }).waitFor();
    await small.goto(`${base}/console/login`);
    await small.getByLabel('用户名').fill('zhou');
    await small.getByLabel('密码').fill(PASSWORD);
    await small.getByRole('button', { name: '登录' }).click();
    await small.waitForURL(`${base}/console`);
    await both('/console/schools', 'schools');

    // The district officer creates the school's aid officer.
    await page.getByRole('link', { name: '清溪县中心小学' }).click();
    await page.getByRole('link', { name: '为这所学校创建账号' }).click();
    await page.getByLabel('姓名').fill('李专干');
    await page.getByLabel('用户名').fill('li.officer');
    await page.getByLabel('角色').selectOption('school_officer');
    await page.getByLabel('初始密码').fill(PASSWORD);
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('已创建账号 li.officer').waitFor();
    await both('/console/accounts', 'accounts-district');
    await small.getByRole('button', { name: '停用' }).first().click();
    await small.getByText('确定停用').first().waitFor();
    await small.screenshot({ path: artifactPath('accounts-disable-confirm-360.png'), fullPage: true });

    // The aid officer: a term, the first class, a teacher assigned to it.
    await desktop.clearCookies();
    await phone.clearCookies();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('li.officer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '学校管理' }).click();
    await page.getByText('添加班级前，请先添加学年学期').waitFor();
    await page.getByRole('navigation', { name: '学校管理' }).getByRole('link', { name: '学年学期' }).click();
    await page.getByLabel('学年').fill('2026-2027');
    await page.getByLabel('开始日期').fill('2026-09-01');
    await page.getByLabel('结束日期').fill('2027-01-22');
    await page.getByRole('button', { name: '添加学期' }).click();
    await page.getByText('已保存').waitFor();
    await small.goto(`${base}/console/login`);
    await small.getByLabel('用户名').fill('li.officer');
    await small.getByLabel('密码').fill(PASSWORD);
    await small.getByRole('button', { name: '登录' }).click();
    await small.waitForURL(`${base}/console`);
    await both('/console/admin/terms', 'admin-terms');

    await page.getByRole('navigation', { name: '学校管理' }).getByRole('link', { name: '班级' }).click();
    await page.getByLabel('班级名称').fill('三年级二班');
    await page.getByLabel('年级').selectOption('3');
    await page.getByRole('button', { name: '添加班级' }).click();
    await page.getByText('已添加班级').waitFor();
    await page.getByRole('link', { name: '三年级二班' }).waitFor();
    await both('/console/admin/classes', 'admin-classes');

    await page.goto(`${base}/console/accounts`);
    await page.getByLabel('姓名').fill('王丽');
    await page.getByLabel('用户名').fill('王丽');
    await page.getByLabel('初始密码').fill(PASSWORD);
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('用户名不能用汉字').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('王丽');
    await page.screenshot({ path: artifactPath('accounts-chinese-username.png'), fullPage: true });
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('初始密码').fill(PASSWORD);
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('已创建账号 wang.li').waitFor();

    await page.goto(`${base}/console/admin/teachers`);
    await page.getByRole('link', { name: '分配班级' }).click();
    await page.getByLabel('三年级二班').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await both('/console/admin/teachers', 'admin-teachers');

    await page.goto(`${base}/console/admin/students/new`);
    await page.getByLabel('学生姓名').fill('欧阳小明');
    await page.getByLabel('学号').fill('Q20260201');
    await page.getByLabel('班级').selectOption({ label: '三年级二班（2026-2027）' });
    await page.getByRole('button', { name: '添加学生' }).click();
    await page.getByText('已保存').waitFor();
    await page.getByLabel('监护人姓名').fill('欧阳建国');
    await page.getByLabel('监护人手机号').fill('1370000');
    await page.getByRole('button', { name: '添加监护人' }).click();
    await page.getByText('手机号不正确').waitFor();
    await page.screenshot({ path: artifactPath('admin-student-phone-error.png'), fullPage: true });
    await page.getByLabel('监护人手机号').fill('13700004444');
    await page.getByRole('button', { name: '添加监护人' }).click();
    await page.getByText('已保存').waitFor();
    await both('/console/admin/students', 'admin-students');
    await small.goto(`${base}/console/admin/promote`);
    await expectFitsPhone(small, 'admin-promote');

    // The teacher sees the class.
    await desktop.clearCookies();
    await page.goto(`${base}/console/login`);
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '三年级二班' }).click();
    await page.getByText('欧阳小明').waitFor();
    await page.screenshot({ path: artifactPath('teacher-first-class-desktop.png'), fullPage: true });

    // Slips: printed once, kept on their own page (a reload shows the same code).
    await page.getByRole('button', { name: '生成并打印绑定码' }).click();
    const slip = page.locator('.slip', { hasText: '欧阳小明' });
    await slip.waitFor();
    const code = (await slip.locator('.code').getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await page.screenshot({ path: artifactPath('teacher-first-slips-desktop.png'), fullPage: true });
    await page.reload();
    expect(
      await page.locator('.slip', { hasText: '欧阳小明' }).locator('.code').getAttribute('data-code'),
    ).toBe(code);

    // A parent scans the slip on their phone, binds, and leaves a message for the teacher.
    const parentContext = await env.browser().newContext({ viewport: SMALL_PHONE_VIEWPORT, locale: 'zh-CN' });
    const chat = await parentContext.newPage();
    await chat.goto(`${base}/chat?bind=${code}`);
    await chat.getByText('欧**明，是您的孩子吗').waitFor();
    await chat.getByRole('button', { name: '是的' }).last().click();
    await chat.getByRole('button', { name: '父亲' }).click();
    await chat.getByText('绑定成功').waitFor();
    await chat.getByRole('button', { name: '联系资助老师' }).last().click();
    await chat.getByRole('button', { name: '申请材料和进度' }).click();
    await chat.getByText('请写下您的问题').waitFor();
    await chat.locator('#text').fill('助学金的申请表什么时候交？');
    await chat.getByRole('button', { name: '发送', exact: true }).click();
    await chat.getByText('拍一张相关材料的照片').waitFor();
    await chat.getByRole('button', { name: '跳过' }).click();
    try {
      await chat.getByText('确认发送吗').waitFor();
    } finally {
      await chat.screenshot({ path: artifactPath('parent-message-confirm-360.png'), fullPage: true });
    }
    await chat.getByRole('button', { name: '是的' }).last().click();
    await chat
      .getByRole('button', { name: /欧\*\*明/ })
      .last()
      .click();
    await chat.getByText('已转给 三年级二班 班主任').waitFor();
    await chat.screenshot({ path: artifactPath('parent-message-sent-360.png'), fullPage: true });

    // The teacher answers in the inbox; the parent sees the answer when they open the chat again.
    await page.goto(`${base}/console`);
    await page.locator('[data-nav="inbox"] .badge').waitFor();
    await page.locator('[data-nav="inbox"]').click();
    await page.getByText('助学金的申请表什么时候交？').first().click();
    await page.getByLabel('回复家长').fill('本周五前交给我就可以，我会帮您核对材料。');
    await page.screenshot({ path: artifactPath('teacher-inbox-reply-desktop.png'), fullPage: true });
    await page.getByRole('button', { name: '发送回复' }).click();
    await page.getByText('本周五前交给我就可以').first().waitFor();
    await chat.reload();
    await chat.getByText('本周五前交给我就可以，我会帮您核对材料。').waitFor();
    await chat.screenshot({ path: artifactPath('parent-sees-reply-360.png'), fullPage: true });
    await parentContext.close();
    await desktop.close();
    await phone.close();
  });
});

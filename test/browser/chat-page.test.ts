import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath, PHONE_VIEWPORT, useBrowserAndServer } from '../support/browser.js';
import { TINY_PNG } from '../support/chat-client.js';

describe('web chat page in Chromium on a phone-sized screen', () => {
  const env = useBrowserAndServer();

  it('greets, walks the contact flow with a photo, and keeps the conversation across reload and restart', async () => {
    const page = await env.browser().newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(`${env.target().baseUrl}/chat`);
    await page.getByText('学生资助助手。').waitFor();
    await page.getByRole('button', { name: '联系资助老师' }).waitFor();
    await page.screenshot({ path: artifactPath('chat-greeting.png') });

    await page.getByRole('button', { name: '联系资助老师' }).click();
    await page.getByRole('button', { name: '资助政策' }).click();
    await page.getByText('请写下您的问题').waitFor();
    await page.locator('#text').fill('孩子住校，生活补助怎么申请？');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await page.getByText('拍一张相关材料的照片').waitFor();

    const photo = join(env.filesDir, 'certificate.png');
    writeFileSync(photo, TINY_PNG);
    await page.locator('#photo').setInputFiles(photo);
    await page.getByText('确认发送吗').waitFor();
    expect(await page.locator('.me img').count()).toBe(1);

    // Restart the server before answering: the same page carries on where it was.
    await env.target().restart();
    await page.getByRole('button', { name: '是的' }).last().click();
    await page.getByText('已转给 明白县（演示） 学生资助管理中心').waitFor();
    await page.screenshot({ path: artifactPath('chat-inquiry-sent.png'), fullPage: true });

    await page.reload();
    await page.getByText('已转给 明白县（演示） 学生资助管理中心').waitFor();
    expect(await page.getByText('孩子住校，生活补助怎么申请？').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
  });

  it('runs the aid check and shows the result card', async () => {
    const page = await env.browser().newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(`${env.target().baseUrl}/chat`);
    for (const [answer, next] of [
      ['看看孩子能享受哪些资助', '孩子现在上什么学'],
      ['初中', '家里是否属于下面某种情况'],
      ['脱贫家庭学生（原建档立卡）', '农村（含县镇）还是城市'],
      ['农村（含县镇）', '营养餐'],
    ] as const) {
      await page.getByRole('button', { name: answer, exact: true }).last().click();
      await page.getByText(next).last().waitFor();
    }
    await page.getByRole('button', { name: '是', exact: true }).last().click();
    await page.getByText('孩子在学校住宿吗').waitFor();
    await page.getByRole('button', { name: '是', exact: true }).last().click();
    const card = page.locator('.card').last();
    await card.getByText('每年1500元').waitFor();
    expect(await card.textContent()).toContain('资助不收取任何费用');
    await page.screenshot({ path: artifactPath('chat-eligibility-card.png') });
  });

  it('switches the page and the conversation to English', async () => {
    const page = await env.browser().newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${env.target().baseUrl}/chat`);
    await page.getByRole('button', { name: '切换语言 / 語言 / Language' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('I will reply in English').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
    expect(await page.locator('#text').getAttribute('placeholder')).toContain('Type your question');
    await page.screenshot({ path: artifactPath('chat-english.png') });
  });

  it('explains in the page language when a file is not a photo', async () => {
    const page = await env.browser().newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${env.target().baseUrl}/chat?lang=zh-TW`);
    await page.getByText('學生資助助手').first().waitFor();
    const notPhoto = join(env.filesDir, 'notes.txt');
    writeFileSync(notPhoto, 'not an image');
    await page.locator('#photo').setInputFiles(notPhoto);
    await page.getByText('只能發送照片').waitFor();
  });
});

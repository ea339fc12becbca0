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
    await page.getByText('确认发送给资助老师吗').waitFor();
    expect(await page.locator('.me img').count()).toBe(1);

    // Restart the server before answering: the same page carries on where it was.
    await env.target().restart();
    await page.getByRole('button', { name: '是的' }).last().click();
    await page.getByText('已发送，老师会尽快回复您').waitFor();
    await page.screenshot({ path: artifactPath('chat-inquiry-sent.png'), fullPage: true });

    await page.reload();
    await page.getByText('已发送，老师会尽快回复您').waitFor();
    expect(await page.getByText('孩子住校，生活补助怎么申请？').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
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

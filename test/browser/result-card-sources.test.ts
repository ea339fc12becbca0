import { describe, expect, it } from 'vitest';
import { artifactPath, useBrowserAndServer } from '../support/browser.js';
import { ChatClient, type ChatReply } from '../support/chat-client.js';

// The result card with its sources, in each locale, on a 360×740 phone and a desktop screen. The check is
// answered through the page's own conversation over HTTP (the typed walk is tested elsewhere), then the page
// is reloaded and draws the card from the history exactly as it drew it live.

const SMALL_PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const ANSWERS = ['junior_secondary', 'poverty_alleviated', 'rural', 'yes'];

const EXPECTED = {
  'zh-CN': {
    effective: '2024年春季学期起',
    show: '查看依据',
    issuer: '财政部',
    apply: '在线申请：义务教育家庭经济困难学生生活补助',
  },
  'zh-TW': {
    effective: '2024年春季學期起',
    show: '查看依據',
    issuer: '財政部',
    apply: '線上申請：義務教育家庭經濟困難學生生活補助',
  },
  en: {
    effective: 'from the 2024 spring term',
    show: 'Sources',
    issuer: 'Ministry of Finance',
    apply:
      'Apply online: Living subsidy for compulsory education students from families with financial difficulty',
  },
} as const;

async function walkToCard(chat: ChatClient): Promise<void> {
  let reply: ChatReply = await chat.choose('eligibility');
  for (let guard = 0; guard < 12; guard++) {
    if (reply.messages.some((message) => message.type === 'card')) return;
    const prompt = reply.messages.at(-1);
    if (prompt?.type !== 'choices') throw new Error(`no question in ${JSON.stringify(reply.messages)}`);
    const values = prompt.choices.map((choice) => choice.value);
    reply = await chat.choose(ANSWERS.find((value) => values.includes(value)) ?? values[0]!);
  }
  throw new Error('the check did not end in a card');
}

describe('result card with sources in Chromium', () => {
  const env = useBrowserAndServer();

  for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`shows effective date, document and status, with 查看依据, in ${locale}`, async () => {
      const expected = EXPECTED[locale];
      const page = await env.browser().newPage({ viewport: SMALL_PHONE });
      await page.goto(`${env.target().baseUrl}/chat?lang=${locale}`);
      await page.locator('.choices button').first().waitFor();
      const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('mingbai.chat') ?? '{}'));
      const chat = new ChatClient((path, init) => fetch(`${env.target().baseUrl}${path}`, init));
      chat.conversationId = saved.id;
      chat.token = saved.token;
      await walkToCard(chat);

      await page.reload();
      const card = page.locator('.card').last();
      await card.waitFor();
      const subsidy = card.locator('.programme', { hasText: expected.apply.split(/[：:] ?/)[1]! });
      await expect(subsidy.locator('.source-line').textContent()).resolves.toContain(expected.effective);
      expect(await subsidy.locator('.source-line').textContent()).toContain(expected.issuer);
      // Details start collapsed, so the card stays short on a phone; the page never scrolls sideways.
      expect(await card.locator('details[open]').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`card-sources-${locale}-360.png`) });

      await subsidy.getByText(expected.show, { exact: true }).click();
      await subsidy.locator('.source-list li').first().waitFor();
      expect(await subsidy.locator('.source-list').textContent()).toContain('财教〔2021〕310号');
      await subsidy.locator('.prepare summary').click();
      await subsidy.locator('.prepare li').nth(1).waitFor();
      await subsidy.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`card-sources-${locale}-360-open.png`) });

      // The apply choice appears once: under the card, not also inside it.
      expect(await page.getByRole('button', { name: expected.apply, exact: true }).count()).toBe(1);
      expect(await card.locator('button').count()).toBe(0);

      await page.setViewportSize(DESKTOP);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`card-sources-${locale}-desktop.png`) });
      await page.close();
    });
  }

  it('shows the source line and 查看依据 under a typed question', async () => {
    const page = await env.browser().newPage({ viewport: SMALL_PHONE, locale: 'zh-CN' });
    await page.goto(`${env.target().baseUrl}/chat`);
    await page.locator('.choices button').first().waitFor();
    await page.locator('#text').fill('我家孩子上初中住校，一年能补多少钱');
    await page.locator('#text').press('Enter');
    const answer = page.locator('.bubble.bot', { hasText: '按您说的' }).last();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('每年1500元');
    expect(await answer.textContent()).toContain('依据：2024年春季学期起');
    await answer.getByText('查看依据', { exact: true }).click();
    await answer.locator('li').first().waitFor();
    await answer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('ask-answer-sources-360.png') });
    await page.close();
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, useBrowserAndServer } from '../support/browser.js';
import { TINY_PNG } from '../support/chat-client.js';

// A 360×740 phone at 150% browser zoom lays the page out in 240×493 CSS pixels at 1.5 device pixels each:
// that is what zoom does, so the viewport below is that phone zoomed.
const PHONE_ZOOMED = { viewport: { width: 240, height: 493 }, deviceScaleFactor: 1.5 };
const PHONE = { viewport: { width: 360, height: 740 } };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const TEN_CHARACTERS = '孩子上初二想问问补助';

/** The composer's text box: how many characters of its own font fit, and whether what was typed overflows. */
function composerBox(page: Page) {
  return page.locator('#text').evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {
      fontSize: parseFloat(style.fontSize),
      visibleCharacters: inner / parseFloat(style.fontSize),
      overflows: input.scrollWidth > input.clientWidth,
      pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

/**
 * WCAG AA contrast of every visible piece of text on the page (4.5:1, or 3:1 from 24 px / 18.66 px bold), the
 * text box's placeholder, and the outline of the text box (3:1). Backgrounds are composited up the tree.
 */
function contrastFailures(page: Page) {
  return page.evaluate(() => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (color: string): Rgba => {
      const parts = (color.match(/[\d.]+/g) ?? []).map(Number);
      return { r: parts[0] ?? 0, g: parts[1] ?? 0, b: parts[2] ?? 0, a: parts[3] ?? 1 };
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const background = (element: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let node = element; node; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer.a > 0) layers.push(layer);
        if (layer.a >= 1) break;
      }
      return layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
    };
    const luminance = ({ r, g, b }: Rgba) => {
      const linear = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
    };
    const failures: { text: string; ratio: number; needed: number }[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
      );
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (!ownText || box.width === 0 || style.visibility === 'hidden') continue;
      const behind = background(element);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
      const needed = large ? 3 : 4.5;
      const found = ratio(over(parse(style.color), behind), behind);
      if (found < needed)
        failures.push({ text: element.textContent?.trim().slice(0, 30) ?? '', ratio: found, needed });
    }
    const input = document.getElementById('text');
    if (input) {
      const behind = background(input);
      const placeholder = ratio(parse(getComputedStyle(input, '::placeholder').color), behind);
      if (placeholder < 4.5) failures.push({ text: '(placeholder)', ratio: placeholder, needed: 4.5 });
      const outline = ratio(parse(getComputedStyle(input).borderTopColor), background(input.parentElement));
      if (outline < 3) failures.push({ text: '(text box outline)', ratio: outline, needed: 3 });
    }
    return failures;
  });
}

async function sendTyped(page: Page, text: string, expected: string) {
  await page.locator('#text').fill(text);
  await page.locator('#text').press('Enter');
  await page.getByText(expected).last().waitFor();
}

describe('web chat for people who need large text', () => {
  const env = useBrowserAndServer();

  it('at 150% zoom on a 360 px phone keeps a wide text box and walks the aid check by typing', async () => {
    const page = await env.browser().newPage({ ...PHONE_ZOOMED, locale: 'zh-CN' });
    await page.goto(`${env.target().baseUrl}/chat`);
    await page.getByText('学生资助助手。').waitFor();

    await page.locator('#text').fill(TEN_CHARACTERS);
    const box = await composerBox(page);
    expect(box.visibleCharacters).toBeGreaterThanOrEqual(10);
    expect(box.overflows).toBe(false);
    expect(box.pageScrollsSideways).toBe(false);
    await page.screenshot({ path: artifactPath('chat-zoom150-composer.png') });
    await page.locator('#text').fill('');

    // The photo button says what it does in words, not only with a camera picture.
    expect(await page.locator('#photo-button').innerText()).toContain('照片');

    await sendTyped(page, '资助自查', '孩子现在上什么学？');
    await sendTyped(page, '孩子上初二', '记下了：初中');
    // The option the typed answer picked is marked among the old buttons, as a tap would be.
    expect(await page.locator('.choices button.chosen:disabled').allInnerTexts()).toEqual(['初中']);
    await sendTyped(page, '低保', '家里是否属于');
    await page.getByText('记下了：最低生活保障家庭').waitFor();
    expect(await contrastFailures(page)).toEqual([]);

    // Tapping still works; the tapped option stays marked among the disabled buttons.
    const prompt = page.locator('.bubble.bot').last();
    const question = await prompt.innerText();
    const answer = question.includes('住宿') ? '是' : question.includes('农村') ? '农村（含县镇）' : '不清楚';
    const tapped = (await page
      .locator('.choices')
      .last()
      .getByRole('button', { name: answer, exact: true })
      .elementHandle())!;
    await tapped.click();
    await expect.poll(() => tapped.isDisabled()).toBe(true);
    expect(await tapped.getAttribute('class')).toContain('chosen');
    expect(await tapped.getAttribute('aria-pressed')).toBe('true');
    // A reload redraws the conversation with the same option marked.
    await page.reload();
    await expect.poll(() => page.locator('button.chosen:disabled').allInnerTexts()).toContain(answer);
    await page.screenshot({ path: artifactPath('chat-zoom150-chosen.png') });
    expect(await contrastFailures(page)).toEqual([]);

    for (let guard = 0; guard < 6 && (await page.locator('.card').count()) === 0; guard++) {
      const text = await page.locator('.bubble.bot').last().innerText();
      const reply = text.includes('住宿') ? '住校' : text.includes('农村') ? '农村' : '不清楚';
      const before = await page.locator('.bubble.bot').count();
      await page.locator('#text').fill(reply);
      await page.locator('#text').press('Enter');
      await expect.poll(() => page.locator('.bubble.bot').count()).toBeGreaterThan(before);
    }
    await page.locator('.card').last().getByText('每年1500元').waitFor();
    await page.screenshot({ path: artifactPath('chat-zoom150-card.png'), fullPage: true });
    expect(await contrastFailures(page)).toEqual([]);
  });

  it('with a 24 px default font on a 360 px phone keeps a wide text box, and refuses an over-long message', async () => {
    const page = await env.browser().newPage({ ...PHONE, locale: 'zh-CN' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 24 } });
    await page.goto(`${env.target().baseUrl}/chat`);
    await page.getByText('学生资助助手。').waitFor();

    await page.locator('#text').fill(TEN_CHARACTERS);
    const box = await composerBox(page);
    expect(box.fontSize).toBeGreaterThanOrEqual(24);
    expect(box.visibleCharacters).toBeGreaterThanOrEqual(10);
    expect(box.overflows).toBe(false);
    expect(box.pageScrollsSideways).toBe(false);
    // The buttons under it keep their words on one line.
    const buttonLines = await page.evaluate(() =>
      ['#menu', '#photo-button', 'button[type=submit]'].map((selector) => {
        const button = document.querySelector(selector);
        if (!button) return 0;
        const words = document.createRange();
        words.selectNodeContents(button);
        return Math.round(
          words.getBoundingClientRect().height / parseFloat(getComputedStyle(button).lineHeight),
        );
      }),
    );
    expect(buttonLines).toEqual([1, 1, 1]);
    await page.screenshot({ path: artifactPath('chat-font24-composer.png') });

    const long = '长'.repeat(1200);
    await page.locator('#text').fill(long);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await page.getByText('这条消息有 1200 个字，超过了 1000 个字的上限').waitFor();
    expect(await page.locator('#text').inputValue()).toBe(long);
    expect(await page.locator('.bubble.me').count()).toBe(0);
    expect(await contrastFailures(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('chat-font24-too-long.png') });
  });

  it('at desktop width keeps one composer row and meets contrast with notices and a sent photo', async () => {
    const page = await env.browser().newPage({ ...DESKTOP, locale: 'en' });
    await page.goto(`${env.target().baseUrl}/chat?lang=en`);
    await page.getByText('student-aid assistant').waitFor();
    const rows = await page.evaluate(() => {
      const tops = ['#menu', '#photo-button', '#text', 'button[type=submit]'].map(
        (selector) => document.querySelector(selector)?.getBoundingClientRect().top ?? -1,
      );
      return new Set(tops.map(Math.round)).size;
    });
    expect(rows).toBe(1);

    await sendTyped(page, 'contact the aid officer', 'What is your question about?');
    await sendTyped(page, 'money', 'Got it: Payments');
    await sendTyped(page, 'When will the living subsidy be paid?', 'add a photo');
    const photo = join(env.filesDir, 'receipt.png');
    writeFileSync(photo, TINY_PNG);
    await page.locator('#photo').setInputFiles(photo);
    await page.getByText('Send it?').waitFor();
    await page.getByText('Uploading the photo').waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('chat-desktop.png') });
  });
});

import { describe, expect, it } from 'vitest';
import { wrongAnswers } from '../../src/notices/check-answers.js';
import { formatLocalTime } from '../../src/notices/format-time.js';
import {
  canonicalJson,
  contentHash,
  type NoticeContent,
  noticeContentSchema,
  whatChanged,
} from '../../src/notices/index.js';
import { signatureSvg, strokesSchema } from '../../src/notices/signature-svg.js';

const content = (overrides: Partial<NoticeContent> = {}): NoticeContent =>
  noticeContentSchema.parse({
    body: '请阅读。',
    programmes: [
      {
        name: '生活补助',
        target: '家庭经济困难寄宿生',
        standard: '每生每年 1000 元',
        application: 'required',
        payment: '打卡发放',
      },
    ],
    studentRows: { s1: [{ programme: '生活补助', amount: '500', paidOn: '' }] },
    antiFraud: '资助不收取任何费用。',
    consultPhone: '0000-1234567',
    check: [{ question: '要交钱吗？', options: ['要', '不要'], answer: 1 }],
    ...overrides,
  });

describe('notice rules', () => {
  it('hashes the same content the same way whatever the key order, and different content differently', async () => {
    const a = { title: 'T', locale: 'zh-CN', confirmation: 'sign' as const, content: content() };
    const reordered = JSON.parse(canonicalJson(a));
    expect(await contentHash(reordered)).toBe(await contentHash(a));
    expect(await contentHash({ ...a, confirmation: 'confirm' })).not.toBe(await contentHash(a));
    expect(await contentHash({ ...a, content: content({ body: '改了' }) })).not.toBe(await contentHash(a));
  });

  it("lists what changed, including this student's amount and a new deadline", () => {
    const before = { title: '告知书', content: content() };
    const after = {
      title: '告知书',
      content: content({
        deadline: '2026-10-15',
        programmes: [
          {
            name: '生活补助',
            target: '家庭经济困难寄宿生',
            standard: '每生每年 1250 元',
            application: 'required',
            payment: '打卡发放',
          },
        ],
        studentRows: { s1: [{ programme: '生活补助', amount: '625', paidOn: '' }] },
      }),
    };
    expect(whatChanged(before, after, 's1')).toEqual([
      {
        key: 'notices.changes.standard',
        params: { name: '生活补助', from: '每生每年 1000 元', to: '每生每年 1250 元' },
      },
      { key: 'notices.changes.amount', params: { name: '生活补助', from: '500', to: '625' } },
      { key: 'notices.changes.deadline', params: { to: '2026-10-15' } },
    ]);
    expect(whatChanged(before, before, 's1')).toEqual([]);
  });

  it('checks answers and refuses a question whose right answer is not an option', () => {
    const check = content().check;
    expect(wrongAnswers(check, [1])).toEqual([]);
    expect(wrongAnswers(check, [0])).toEqual([0]);
    expect(wrongAnswers(check, [])).toEqual([0]);
    expect(() => content({ check: [{ question: 'q', options: ['a', 'b'], answer: 3 }] })).toThrow();
  });

  it('draws the signature SVG from the points only, so nothing a browser sends can end up in it', () => {
    const strokes = strokesSchema.parse([
      {
        points: [
          { x: 1.23, y: 4, onload: 'alert(1)' },
          { x: 10, y: 20 },
        ],
        penColor: '"><script>alert(1)</script>',
      },
      { points: [{ x: 5, y: 5 }] },
    ]);
    const svg = signatureSvg(strokes, 300.4, 150);
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150">' +
        '<g fill="none" stroke="#111" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">' +
        '<path d="M1.2 4 L10 20"/><path d="M5 5 l0.1 0"/></g></svg>',
    );
    expect(strokesSchema.safeParse([{ points: [{ x: 'javascript:', y: 1 }] }]).success).toBe(false);
    expect(strokesSchema.safeParse([]).success).toBe(false);
  });

  it('shows times in the configured zone', () => {
    expect(formatLocalTime(Date.UTC(2026, 11, 1, 20, 9), 'Asia/Shanghai')).toBe('2026-12-02 04:09');
    expect(formatLocalTime(Date.UTC(2026, 11, 1, 20, 9), 'Asia/Taipei')).toBe('2026-12-02 04:09');
    expect(formatLocalTime(Date.UTC(2026, 11, 1, 20, 9), 'Asia/Urumqi')).toBe('2026-12-02 02:09');
  });
});

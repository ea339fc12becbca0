import { describe, expect, it } from 'vitest';
import type { AskStep } from '../../src/conversation/flow-schema.js';
import { parseDate, parseReply, TEXT_VALIDATORS } from '../../src/conversation/reply-validators.js';

const choice: AskStep = {
  type: 'ask_choice',
  prompt: 'flows.contact.topic_prompt',
  var: 'topic',
  freeText: 'retry',
  vocabulary: [],
  multiple: false,
  options: [
    { value: 'policy', label: 'flows.contact.topic_policy' },
    { value: 'payment', label: 'flows.contact.topic_payment', next: 'pay' },
  ],
};

describe('reply validators', () => {
  it('match choices by value, by number and by label in any locale', () => {
    expect(parseReply(choice, { type: 'choice', value: 'policy' })).toEqual({ ok: true, value: 'policy' });
    expect(parseReply(choice, { type: 'text', text: ' 2 ' })).toEqual({
      ok: true,
      value: 'payment',
      next: 'pay',
    });
    expect(parseReply(choice, { type: 'text', text: '资助政策' })).toMatchObject({
      ok: true,
      value: 'policy',
    });
    expect(parseReply(choice, { type: 'text', text: '資助發放' })).toMatchObject({
      ok: true,
      value: 'payment',
    });
    expect(parseReply(choice, { type: 'text', text: 'PAYMENTS' })).toMatchObject({
      ok: true,
      value: 'payment',
    });
    expect(parseReply(choice, { type: 'text', text: '3' })).toEqual({
      ok: false,
      reason: 'validation.choice_unknown',
    });
    expect(parseReply(choice, { type: 'choice', value: 'other' })).toEqual({
      ok: false,
      reason: 'validation.choice_unknown',
    });
  });

  it('validate phone numbers, stripping spaces, dashes and +86', () => {
    expect(TEXT_VALIDATORS.phone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(TEXT_VALIDATORS.phone('+86-139-0000-1111')).toEqual({ ok: true, value: '13900001111' });
    expect(TEXT_VALIDATORS.phone('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' });
    expect(TEXT_VALIDATORS.phone('12345')).toEqual({ ok: false, reason: 'validation.phone_invalid' });
    expect(TEXT_VALIDATORS.phone('23812345678')).toEqual({ ok: false, reason: 'validation.phone_invalid' });
  });

  it('reject empty and overlong free text', () => {
    expect(TEXT_VALIDATORS.free_text('  你好 ')).toEqual({ ok: true, value: '你好' });
    expect(TEXT_VALIDATORS.free_text('   ')).toEqual({ ok: false, reason: 'validation.text_empty' });
    expect(TEXT_VALIDATORS.free_text('字'.repeat(1001))).toEqual({
      ok: false,
      reason: 'validation.text_too_long',
    });
    expect(TEXT_VALIDATORS.number('3.5')).toEqual({ ok: true, value: 3.5 });
    expect(TEXT_VALIDATORS.number('three')).toEqual({ ok: false, reason: 'validation.number_invalid' });
  });

  it('parse dates in common Chinese and ISO forms and reject impossible ones', () => {
    expect(parseDate('2026-09-01')).toEqual({ ok: true, value: '2026-09-01' });
    expect(parseDate('2026/9/1')).toEqual({ ok: true, value: '2026-09-01' });
    expect(parseDate('2026年9月1日')).toEqual({ ok: true, value: '2026-09-01' });
    expect(parseDate('２０２６．９．１')).toEqual({ ok: true, value: '2026-09-01' });
    expect(parseDate('2026-02-30')).toEqual({ ok: false, reason: 'validation.date_invalid' });
    expect(parseDate('next monday')).toEqual({ ok: false, reason: 'validation.date_invalid' });
  });

  it('take photos, allow skipping only optional ones, and read yes/no answers', () => {
    const photo: AskStep = { type: 'ask_photo', prompt: 'p', var: 'photo', optional: false };
    expect(parseReply(photo, { type: 'image', uploadId: 'up_1' })).toEqual({ ok: true, value: 'up_1' });
    expect(parseReply(photo, { type: 'text', text: '跳过' })).toEqual({
      ok: false,
      reason: 'validation.photo_expected',
    });
    expect(parseReply({ ...photo, optional: true }, { type: 'text', text: '跳过' })).toEqual({
      ok: true,
      value: null,
    });
    const confirm: AskStep = { type: 'confirm', prompt: 'p', yes: 'go', no: 'stop' };
    expect(parseReply(confirm, { type: 'text', text: '好的' })).toEqual({
      ok: true,
      value: true,
      next: 'go',
    });
    expect(parseReply(confirm, { type: 'text', text: 'No.' })).toEqual({
      ok: true,
      value: false,
      next: 'stop',
    });
    expect(parseReply(confirm, { type: 'text', text: 'maybe' })).toEqual({
      ok: false,
      reason: 'validation.yes_no_expected',
    });
  });
});

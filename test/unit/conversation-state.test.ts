import { describe, expect, it } from 'vitest';
import { readState, writeState } from '../../src/conversation/conversation-state.js';

describe('stored conversation state', () => {
  it('migrates a version 1 record when read', () => {
    const v1 = JSON.stringify({
      v: 1,
      locale: 'zh-TW',
      flow: 'contact',
      step: 'message',
      vars: { topic: 'policy' },
      updatedAt: 1_700_000_000_000,
    });
    expect(readState(v1)).toEqual({
      v: 2,
      locale: 'zh-TW',
      flow: 'contact',
      step: 'message',
      vars: { topic: 'policy' },
      history: [],
      returnTo: [],
      lastActivityAt: 1_700_000_000_000,
      resumePending: false,
    });
  });

  it('round-trips the current version and refuses unreadable or unknown versions', () => {
    const v2 = readState(
      JSON.stringify({ v: 1, locale: 'en', flow: 'menu', step: 'choose', vars: {}, updatedAt: 5 }),
    );
    expect(v2 && readState(writeState(v2))).toEqual(v2);
    expect(readState('{not json')).toBeNull();
    expect(readState(JSON.stringify({ v: 99, locale: 'en' }))).toBeNull();
    expect(readState(JSON.stringify({ v: 2, locale: 'fr', flow: 'menu' }))).toBeNull();
  });
});

describe('states kept by their text', () => {
  const state = {
    v: 2 as const,
    locale: 'zh-CN' as const,
    flow: 'contact',
    step: 'message',
    vars: { topic: 'policy', asked: 2, nested: { list: ['a', null] } },
    history: [{ step: 'topic', vars: {} }],
    returnTo: [],
    lastActivityAt: 1_700_000_000_123,
    resumePending: false,
  };

  it('reads a written text back as JSON would, frozen, without keeping the written object itself', () => {
    const written = { ...state, vars: { ...state.vars, dropped: undefined as unknown as null } };
    const json = writeState(written);
    const read = readState(json);
    expect(read).toStrictEqual(JSON.parse(json));
    expect(read).not.toBe(written);
    expect(Object.isFrozen(read)).toBe(true);
    expect(Object.isFrozen(read?.vars.nested)).toBe(true);
    expect(Object.isFrozen(written)).toBe(false);
    expect(readState(json)).toBe(read);
  });

  it('still refuses a text that was never valid, however often it is read', () => {
    const broken = JSON.stringify({ ...state, locale: 'fr' });
    expect(readState(broken)).toBeNull();
    expect(readState(broken)).toBeNull();
  });
});

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

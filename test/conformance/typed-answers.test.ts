import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { OutboundMessage } from '../../src/conversation/messages.js';
import { ChatClient } from '../support/chat-client.js';
import { nodeTarget, type Target, workerTarget } from '../support/targets.js';
import { makeTestDeps } from '../support/test-deps.js';

// Typed answers lean on Unicode folding (NFKC, traditional → simplified) and on Intl: the same typed walk must
// give the same replies in-process, on Node and on workerd.

/** Per locale: what is typed first, then the typed answer to each later question by a fragment of its prompt. */
const TYPED: [string, string[], [string, string][]][] = [
  [
    'zh-CN',
    ['资助自查', '我也不知道', '孩子上初二了', '什么是低保？', '低保、单亲'],
    [
      ['住宿', '住校'],
      ['农村', '村里'],
      ['营养餐', '不清楚'],
      ['公办', '公办'],
    ],
  ],
  [
    'zh-TW',
    ['資助自查', '國中二年級', '單親'],
    [
      ['住宿', '有住校'],
      ['農村', '鄉下'],
      ['營養餐', '不確定'],
      ['公辦', '公立'],
    ],
  ],
  [
    'en',
    ['aid check', "She's in 8th grade", 'dibao'],
    [
      ['board', 'yes, she boards'],
      ['rural', 'countryside'],
      ['nutrition', "I don't know"],
      ['public', 'public'],
    ],
  ],
];

describe('typed answers on Node and on the Worker', () => {
  const targets: Target[] = [];
  const local = makeTestDeps();
  const app = createApp(local.deps);

  beforeAll(async () => {
    targets.push(nodeTarget(), workerTarget({ SEED_DEMO: 'true' }));
    await Promise.all(targets.map((target) => target.start()));
  });
  afterAll(async () => {
    await Promise.all(targets.map((target) => target.dispose()));
    local.close();
  });

  it('read the same typed answers the same way and reach the same card', async () => {
    for (const [locale, opening, later] of TYPED) {
      const walk = async (fetcher: (path: string, init?: RequestInit) => Promise<Response>) => {
        const chat = new ChatClient(fetcher);
        await chat.start(locale);
        const replies: OutboundMessage[][] = [];
        for (const text of opening) replies.push((await chat.text(text)).messages);
        for (let guard = 0; guard < 6 && !JSON.stringify(replies.at(-1)).includes('"type":"card"'); guard++) {
          const prompt: string = JSON.stringify(replies.at(-1)?.at(-1) ?? null);
          const answer = later.find(([fragment]) => prompt.includes(fragment))?.[1] ?? 'no typed answer';
          replies.push((await chat.text(answer)).messages);
        }
        return replies;
      };
      const [inProcess, ...runtimes] = await Promise.all([
        walk(async (path, init) => app.request(path, init)),
        ...targets.map((target) => walk((path, init) => fetch(`${target.baseUrl}${path}`, init))),
      ]);
      expect(JSON.stringify(inProcess), locale).toContain('"type":"card"');
      for (const messages of runtimes) expect(messages, locale).toEqual(inProcess);
    }
  });
});

import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat-client.js';
import { nodeTarget, type Target } from '../support/targets.js';

// Issue 13: on Node, writes made at the same time share one commit (src/platform/node/group-commit.ts). An
// answer must never leave before its write is committed: kill -9 the process while twenty clients are talking
// to it, right as answers arrive, and every write that was answered is in the database file.

const CLIENTS = 20;
const KILL_AFTER = 300;

describe('a Node process killed while answering many chats at once', () => {
  let target: Target;
  beforeAll(async () => {
    target = nodeTarget({ SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
    await target.start();
  }, 120_000);
  afterAll(async () => {
    await target?.dispose();
  });

  it('keeps every conversation and message it answered', async () => {
    const started: string[] = [];
    const answered: { conversationId: string; text: string }[] = [];
    let killing: Promise<void> | null = null;
    const acknowledged = () => {
      if (!killing && started.length + answered.length >= KILL_AFTER) killing = target.kill();
    };
    const talk = async (client: number) => {
      for (let round = 0; !killing; round++) {
        const chat = new ChatClient((path, init) => fetch(`${target.baseUrl}${path}`, init));
        try {
          await chat.start('zh-CN');
          started.push(chat.conversationId);
          acknowledged();
          for (let turn = 0; turn < 3 && !killing; turn++) {
            const text = `第${client}位家长第${round}轮的第${turn}个问题`;
            await chat.text(text);
            answered.push({ conversationId: chat.conversationId, text });
            acknowledged();
          }
        } catch {
          return; // the process is gone
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, client) => talk(client)));
    await killing;
    expect(started.length + answered.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const file = new BetterSqlite3(join(target.dataDir, 'mingbai.db'), { readonly: true });
    try {
      const conversation = file.prepare('select 1 from conversations where id = ?').pluck();
      const missingConversations = started.filter((id) => !conversation.get(id));
      const inbound = file
        .prepare("select payload from chat_messages where conversation_id = ? and direction = 'in'")
        .pluck();
      const missingMessages = answered.filter(
        ({ conversationId, text }) =>
          !(inbound.all(conversationId) as string[]).some((payload) => JSON.parse(payload).text === text),
      );
      expect(missingConversations).toEqual([]);
      expect(missingMessages).toEqual([]);
    } finally {
      file.close();
    }
  }, 120_000);
});

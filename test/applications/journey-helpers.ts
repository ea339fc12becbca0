import { expect } from 'vitest';
import type { ChatClient, ChatReply } from '../support/chat-client.js';
import { allText } from '../support/chat-client.js';
import type { ConsoleClient } from '../support/console-client.js';
import { CHILD_ID, photo } from './application-world.js';

export const SITUATION = '家里四口人，父亲去年生病不能干活，靠母亲打零工维持。';

/** Posts a photo at the chat's document step and expects it kept. */
export async function sendPhoto(chat: ChatClient, name: string, type = 'image/jpeg') {
  const response = await chat.upload(photo(name), type, name);
  const body = await response.text();
  expect(response.status, body).toBe(201);
  return JSON.parse(body) as ChatReply;
}

/** From the menu up to the first document photo of a 低保 family applying for the living subsidy. */
export async function fillUntilDocuments(chat: ChatClient) {
  const programmes = await chat.choose('apply');
  expect(allText(programmes)).toContain('申请哪一项资助');
  const confirm = await chat.choose('compulsory_living_subsidy');
  expect(allText(confirm)).toContain('三年级(2)班');
  expect(allText(await chat.choose('yes'))).toContain('身份证号');
  // A wrong check digit is refused with its own message; then the right number.
  expect(allText(await chat.text('110105201603050010'))).toContain('校验');
  expect(allText(await chat.text(CHILD_ID))).toContain('家里属于哪种情况');
  expect(allText(await chat.text('低保'))).toContain('用您自己的话');
  const firstDocument = await chat.text(SITUATION);
  expect(allText(firstDocument)).toContain('户口本');
  expect(allText(firstDocument)).toContain('低保证');
  return firstDocument;
}

/** The pledge, the consent and the summary, then submit. */
export async function pledgeAndSubmit(chat: ChatClient) {
  expect(allText(await chat.choose('yes'))).toContain('隐私说明');
  const summary = await chat.choose('yes');
  const card = summary.messages.find((message) => message.type === 'card');
  expect(card && 'title' in card ? card.title : '').toBe('请核对申请内容');
  expect(card && 'body' in card ? card.body : '').toContain('1101**********001X');
  const submitted = await chat.choose('submit');
  expect(allText(submitted)).toContain('已提交给班主任审查');
  return submitted;
}

/** The application's id from the console queue of a reviewer. */
export async function firstQueuedId(client: ConsoleClient): Promise<string> {
  const html = await (await client.get('/console/applications')).text();
  const id = html.match(/href="\/console\/applications\/(app_[a-z0-9]+)"/)?.[1];
  if (!id) throw new Error(`nothing in the queue:\n${html.slice(0, 2000)}`);
  return id;
}

export async function decide(
  client: ConsoleClient,
  id: string,
  action: 'approve' | 'return' | 'reject' | 'archive',
  fields: Record<string, string> = {},
) {
  await client.get(`/console/applications/${id}`);
  return client.post(`/console/applications/${id}/transition`, { action, ...fields });
}

import type { Action } from '../../conversation/actions/action.js';
import { t } from '../../i18n/index.js';
import { openThreadsOf } from '../thread-queries.js';

/** "My messages": the parent's open threads, who has them, whether they were answered, and the last reply. */
export const listThreads: Action = async ({ deps, conversationId, state }) => {
  const threads = await openThreadsOf(deps, conversationId);
  if (threads.length === 0) return { ok: true, vars: { threadCount: 0 } };
  const say = (key: string, params?: Record<string, string>) => t(state.locale, key, params);
  const lines = threads.map((thread) => {
    const who =
      thread.audience === 'district'
        ? say('inbox.mine.to_district', { districtName: thread.districtName })
        : say('inbox.mine.to_class', {
            className: thread.className ?? '',
            schoolName: thread.schoolName ?? '',
          });
    const head = say('inbox.mine.item', {
      who,
      topic: say(`flows.contact.topic_${thread.topic}`),
      status: say(`inbox.status.${thread.status}`),
    });
    return thread.lastStaffReply
      ? `${head}\n  ${say('inbox.mine.last_reply', { reply: thread.lastStaffReply })}`
      : head;
  });
  return {
    ok: true,
    vars: { threadCount: threads.length },
    messages: [{ type: 'text', text: [say('inbox.mine.heading'), ...lines].join('\n') }],
  };
};

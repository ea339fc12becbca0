// The staff inbox: parents' messages from the chat, routed to the right staff, answered in the console and
// delivered back into the parent's chat.
export { contactRecipients } from './chat-actions/contact-recipients.js';
export { leaveMessage } from './chat-actions/leave-message.js';
export { listThreads } from './chat-actions/list-threads.js';
export { inboxRoutes } from './inbox-routes.js';
export { unreadThreadCount } from './thread-queries.js';

// Notices (明白卡 / 告知书 / free text) with signed receipts: the feature's public surface.
export { type AudienceClass, audienceClasses } from './audience-classes.js';
export { canonicalJson, contentHash } from './content-hash.js';
export { fanOutNotice } from './fan-out-notice.js';
export { guardianRoutes } from './guardian-routes.js';
export { noticeConsoleRoutes } from './notice-console-routes.js';
export * from './notice-content.js';
export {
  addProgress,
  type ClassProgress,
  emptyProgress,
  type NoticeProgress,
  noticeVersionStats,
  rate,
} from './notice-stats.js';
export {
  createNotice,
  type LoadedNotice,
  listNotices,
  loadNotice,
  type NoticeDraft,
  parseVersionContent,
  startRevision,
  updateDraft,
} from './notice-store.js';
export { policyCardRows } from './policy-card-template.js';
export { markRead, recipientByToken } from './recipient-access.js';
export { recordReceipt } from './record-receipt.js';
export { sendNotice } from './send-notice.js';
export { unreadNoticesFor } from './unread-notices.js';
export { type NoticeChange, whatChanged } from './what-changed.js';

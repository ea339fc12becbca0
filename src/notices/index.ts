// Notices (明白卡 / 告知书 / free text) with signed receipts: the feature's public surface.

export { noticeArchiveRoutes, receiptTable } from './archive/archive-routes.js';
export { archivedReceipts } from './archive/archived-receipts.js';
export { type AudienceClass, audienceClasses } from './audience-classes.js';
export { canonicalJson, contentHash } from './content-hash.js';
export { noticeDashboardRoutes } from './dashboard/dashboard-routes.js';
export { noticeDashboard } from './dashboard/notice-progress.js';
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
export { noticePaperRoutes } from './paper/paper-routes.js';
export { policyCardRows } from './policy-card-template.js';
export { markRead, recipientByToken } from './recipient-access.js';
export { recordReceipt } from './record-receipt.js';
// Reminders, dashboard, archive and paper receipts (notices-b): each in its own folder.
export * from './reminders/index.js';
export { sendNotice } from './send-notice.js';
export { noticeTermRoutes } from './term/term-routes.js';
export { unreadNoticesFor } from './unread-notices.js';
export { type NoticeChange, whatChanged } from './what-changed.js';

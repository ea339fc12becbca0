// Reminders to families who have not confirmed a notice: one tap in the console, or scheduled after
// REMINDER_AFTER_HOURS; never inside QUIET_HOURS, never more than MAX_REMINDERS_PER_NOTICE per family.
export { pendingRecipients } from './pending-recipients.js';
export { isQuietAt, nextSendableTime, type QuietHours } from './quiet-hours.js';
export { requestReminder } from './request-reminder.js';
export { runReminderRound } from './run-reminder-round.js';
export { scheduleDueReminders } from './schedule-reminders.js';

import {
  applicationAttachPhoto,
  applicationBegin,
  applicationCreate,
  applicationLoad,
  applicationProgrammes,
  applicationReplacePhoto,
  applicationSave,
  applicationStatusList,
  applicationSubmit,
  applicationSummary,
  applicationUploadLink,
} from '../../applications/index.js';
import { contactRecipients, leaveMessage, listThreads } from '../../inbox/index.js';
import type { Action } from './action.js';
import { answerQuestion } from './answer-question.js';
import { bindStudent } from './bind-student.js';
import { checkBindingCode } from './check-binding-code.js';
import { eligibilityNextQuestion } from './eligibility-next-question.js';
import { eligibilityStart } from './eligibility-start.js';
import { eligibilitySummary } from './eligibility-summary.js';
import { eligibilityUseChild } from './eligibility-use-child.js';
import { listChildren } from './list-children.js';
import { setLocale } from './set-locale.js';
import { unbindChild } from './unbind-child.js';

/** Every action a flow's `call` step may name. */
export const ACTIONS: Readonly<Record<string, Action>> = {
  set_locale: setLocale,
  contact_recipients: contactRecipients,
  leave_message: leaveMessage,
  list_threads: listThreads,
  answer_question: answerQuestion,
  check_binding_code: checkBindingCode,
  bind_student: bindStudent,
  list_children: listChildren,
  unbind_child: unbindChild,
  eligibility_start: eligibilityStart,
  eligibility_use_child: eligibilityUseChild,
  eligibility_next_question: eligibilityNextQuestion,
  eligibility_summary: eligibilitySummary,
  application_begin: applicationBegin,
  application_load: applicationLoad,
  application_programmes: applicationProgrammes,
  application_create: applicationCreate,
  application_save: applicationSave,
  application_attach_photo: applicationAttachPhoto,
  application_replace_photo: applicationReplacePhoto,
  application_upload_link: applicationUploadLink,
  application_summary: applicationSummary,
  application_submit: applicationSubmit,
  application_status_list: applicationStatusList,
};

export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);

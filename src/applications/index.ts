// Aid applications (issue 11): the guardian's flow, document photos, the review chain, 公示 and the 台账.

export { applyPageRoutes } from './apply-page-routes.js';
export { APPLY_PAGE_SCRIPT } from './apply-page-script.min.js';
export {
  applicationAttachPhoto,
  applicationReplacePhoto,
  applicationSave,
  applicationUploadLink,
} from './chat-fill-actions.js';
export {
  applicationBegin,
  applicationCreate,
  applicationLoad,
  applicationProgrammes,
} from './chat-start-actions.js';
export { applicationStatusList, applicationSubmit, applicationSummary } from './chat-submit-actions.js';
export { applicationConsoleRoutes } from './console-routes.js';
export { openApplicationOf } from './draft-store.js';
export { type LoadedApplication, loadApplication } from './load-application.js';
export { publicityRoutes } from './publicity-routes.js';
export { takeDownEndedLists } from './publish-publicity.js';
export * from './review-chain.js';
export {
  batchApproveBodySchema,
  queueQuerySchema,
  type ResolveStaff,
  registerApplicationStaffApi,
  tierBodySchema,
  transitionBodySchema,
} from './staff-api-routes.js';
export { type TierOption, tierOptions } from './tier-options.js';
export { type TransitionResult, transitionApplication } from './transition-application.js';
export { newUploadLink } from './upload-link.js';

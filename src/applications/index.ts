// Aid applications (issue 11): the guardian's flow, document photos, the review chain, 公示 and the 台账.
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
export { type LoadedApplication, loadApplication } from './load-application.js';
export * from './review-chain.js';
export { type TierOption, tierOptions } from './tier-options.js';
export { type TransitionResult, transitionApplication } from './transition-application.js';

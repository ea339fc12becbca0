// Binding slips: printing them without voiding anyone else's, showing a print again, and class progress.
export { type BindingProgress, bindingProgress } from './binding-progress.js';
export { shortLinkRoutes } from './short-link.js';
export { slipRoutes } from './slip-routes.js';

/** First-run setup: the page that creates the district and its first officer, and the operator commands. */
export { needsSetup } from './needs-setup.js';
export { prepareSetupToken } from './prepare-setup-token.js';
export { setupRoutes } from './setup-routes.js';
export { firstRunStatements } from './setup-statements.js';

// WeChat simulators for tests, the demo and benchmarks: the Official Account API and a signed-webhook sender.
export * from './official-account-simulator.js';
export * from './signed-message-sender.js';

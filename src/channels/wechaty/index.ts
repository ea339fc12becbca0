// Wechaty channel (Node only, optional): a bot on a WeChat personal account, for pilots. See the README.

export { startWechatyFromConfig } from './start-from-config.js';
export { type RunningWechaty, startWechaty, type WechatyOptions } from './start-wechaty.js';
export { wechatyInbound } from './wechaty-inbound.js';

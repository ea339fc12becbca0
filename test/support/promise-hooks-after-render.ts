// Run as a process of its own (test/unit/jsx-without-async-context.test.ts): renders with hono/jsx, with or without
// renderJsxWithoutAsyncContext first, and prints whether promise hooks are on afterwards (a promise reaction then
// runs with an async id of its own; without hooks its id is 0).
import { executionAsyncId } from 'node:async_hooks';
import { jsx } from 'hono/jsx';
import { renderJsxWithoutAsyncContext } from '../../src/platform/node/jsx-without-async-context.js';

if (process.argv.includes('--without-async-context')) renderJsxWithoutAsyncContext();
const page = String(jsx('main', {}, jsx('h1', {}, '明白'), jsx('p', {}, 'Aid for your child')));
await Promise.resolve();
console.log(JSON.stringify({ page, promiseHooks: executionAsyncId() !== 0 }));

// Run as a process of its own (test/unit/jsx-without-async-context.test.ts): renders with hono/jsx, with or without
// renderJsxWithoutAsyncContext first, and prints whether promise hooks are on afterwards (a promise reaction then
// runs with an async id of its own; without hooks its id is 0). With --console-page it then also serves a logged-in
// teacher a console page of the real app, which must leave them off too.
import { executionAsyncId } from 'node:async_hooks';
import { jsx } from 'hono/jsx';
import { createApp } from '../../src/app.js';
import { seedDemoSchool } from '../../src/demo/seed-demo-school.js';
import { renderJsxWithoutAsyncContext } from '../../src/platform/node/jsx-without-async-context.js';
import { ConsoleClient } from './console-client.js';
import { makeTestDeps } from './test-deps.js';

if (process.argv.includes('--without-async-context')) renderJsxWithoutAsyncContext();
const page = String(jsx('main', {}, jsx('h1', {}, '明白'), jsx('p', {}, 'Aid for your child')));
let consoleStatus: number | null = null;
if (process.argv.includes('--console-page')) {
  const harness = makeTestDeps();
  await seedDemoSchool(harness.deps);
  const app = createApp(harness.deps);
  const teacher = new ConsoleClient(async (path, init) => app.request(path, init));
  await teacher.logIn('demo-teacher', 'mingbai-demo');
  const classPage = await teacher.get('/console/classes/demo_p3_2');
  consoleStatus = classPage.status;
  await classPage.text();
  harness.close();
}
await Promise.resolve();
console.log(JSON.stringify({ page, consoleStatus, promiseHooks: executionAsyncId() !== 0 }));

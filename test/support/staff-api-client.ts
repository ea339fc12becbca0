import type { Fetcher } from './security-fixtures.js';

interface ConsoleBrowser {
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, string | Blob>): Promise<Response>;
}

/** Makes a staff API token the way a person does, on the console's token page, and returns it. */
export async function makeApiToken(
  browser: ConsoleBrowser,
  label = 'test script',
  days = '90',
): Promise<string> {
  await browser.get('/console/api-tokens');
  const page = await (await browser.post('/console/api-tokens', { label, days })).text();
  const token = page.match(/data-token="([^"]+)"/)?.[1];
  if (!token) throw new Error('no token on the page');
  return token;
}

/** Calls the staff API with a bearer token, as a script would. */
export function staffApiClient(fetcher: Fetcher, token: string) {
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    return fetcher(path, { ...init, headers });
  };
  return {
    get: (path: string) => call(path),
    post: (path: string, body?: unknown) =>
      call(path, { method: 'POST', body: body === undefined ? '' : JSON.stringify(body) }),
    call,
  };
}

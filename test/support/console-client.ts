/** A staff member's browser, minus the browser: keeps the session cookie and reads CSRF tokens from pages. */
export class ConsoleClient {
  private cookie = '';
  csrf = '';

  constructor(
    private readonly fetcher: (path: string, init?: RequestInit) => Promise<Response>,
    /** Browsers send Origin with every form post; the console refuses posts from other sites. */
    private readonly origin = 'http://localhost',
  ) {}

  async logIn(username: string, password: string): Promise<Response> {
    const response = await this.post('/console/login', { username, password });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const session = setCookie.match(/mb_session=([^;]+)/);
    if (session) this.cookie = `mb_session=${session[1]}`;
    if (response.status === 303) await this.get('/console');
    return response;
  }

  async get(path: string): Promise<Response> {
    const response = await this.fetcher(path, { headers: this.headers(), redirect: 'manual' });
    return this.remember(response);
  }

  /** A form post as a browser sends it, with the CSRF token of the last page seen unless one is given. */
  async post(
    path: string,
    fields: Record<string, string | Blob> = {},
    options: { multipart?: boolean } = {},
  ) {
    const withToken: Record<string, string | Blob> = { _csrf: this.csrf, ...fields };
    let body: BodyInit;
    const headers = this.headers();
    headers.set('origin', this.origin);
    if (options.multipart || Object.values(withToken).some((value) => value instanceof Blob)) {
      const form = new FormData();
      for (const [key, value] of Object.entries(withToken)) form.append(key, value);
      body = form;
    } else {
      body = new URLSearchParams(withToken as Record<string, string>).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const response = await this.fetcher(path, { method: 'POST', body, headers, redirect: 'manual' });
    return this.remember(response);
  }

  /** A post with a body of the caller's making, for bad-input tests. */
  async rawPost(path: string, body: BodyInit, contentType: string): Promise<Response> {
    const headers = this.headers();
    headers.set('origin', this.origin);
    headers.set('content-type', contentType);
    return this.fetcher(path, { method: 'POST', body, headers, redirect: 'manual' });
  }

  private headers(): Headers {
    const headers = new Headers();
    if (this.cookie) headers.set('cookie', this.cookie);
    return headers;
  }

  private async remember(response: Response): Promise<Response> {
    if (!(response.headers.get('content-type') ?? '').includes('text/html')) return response;
    const html = await response.clone().text();
    const token = html.match(/name="_csrf" value="([^"]+)"/);
    if (token?.[1]) this.csrf = token[1];
    return response;
  }
}

/** The binding codes on a printed-slips page. */
export function codesOnPage(html: string): string[] {
  return [...html.matchAll(/data-code="([A-Z0-9]+)"/g)].map((match) => match[1]!);
}

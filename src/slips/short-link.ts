import { Hono } from 'hono';
import { normalizeBindingCode } from '../binding/binding-code.js';

/** What a slip prints and encodes in its QR code: short enough to type from paper. */
export function shortLink(publicUrl: string, code: string): string {
  return `${publicUrl}/b/${code}`;
}

/** `/b/CODE` opens the chat with the code filled in; anything that cannot be a code just opens the chat. */
export function shortLinkRoutes() {
  const routes = new Hono();
  routes.get('/b/:code', (c) => {
    const code = normalizeBindingCode(c.req.param('code'));
    return c.redirect(code ? `/chat?bind=${code}` : '/chat', 302);
  });
  return routes;
}

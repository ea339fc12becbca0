import type { RequestInfo } from '../../http/client-ip.js';

/** Cloudflare's edge sets CF-Connecting-IP itself and overwrites any value a client sends. */
export function workerRequestInfo(request: Request): RequestInfo {
  return { clientIp: request.headers.get('cf-connecting-ip'), publicOrigin: new URL(request.url).origin };
}

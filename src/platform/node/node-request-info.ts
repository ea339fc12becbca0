import type { RequestInfo } from '../../http/client-ip.js';

/**
 * On Node the socket is the only address nobody can forge. Behind a reverse proxy (TRUST_PROXY=true) the
 * proxy's X-Forwarded-* headers are believed instead, and must be set by that proxy alone.
 */
export function nodeRequestInfo(trustProxy: boolean) {
  return (request: Request, platform: unknown): RequestInfo => {
    const url = new URL(request.url);
    if (trustProxy) {
      const forwardedFor = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      const proto =
        request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? url.protocol.slice(0, -1);
      const host = request.headers.get('x-forwarded-host') ?? url.host;
      return {
        clientIp: forwardedFor || request.headers.get('x-real-ip') || socketAddress(platform),
        publicOrigin: `${proto}://${host}`,
      };
    }
    return { clientIp: socketAddress(platform), publicOrigin: url.origin };
  };
}

/** @hono/node-server passes `{ incoming }`, the IncomingMessage, as the platform value. */
function socketAddress(platform: unknown): string | null {
  if (typeof platform !== 'object' || platform === null || !('incoming' in platform)) return null;
  const { incoming } = platform;
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return null;
  const { socket } = incoming;
  if (typeof socket !== 'object' || socket === null || !('remoteAddress' in socket)) return null;
  return typeof socket.remoteAddress === 'string' ? socket.remoteAddress : null;
}

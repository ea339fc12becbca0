import type { RequestInfo } from '../../http/client-ip.js';
import type { ProxyTrust } from '../../http/proxy-trust.js';
import { incomingOf } from './incoming-of.js';

/**
 * On Node the socket is the only address nobody can forge. Behind reverse proxies (TRUST_PROXY) the address
 * is the one the proxies themselves recorded: X-Forwarded-For is a list every hop appends to, and everything
 * left of what our own proxies appended was written by the client, so it is never believed. With `hops: n`
 * the client is the n-th entry from the right; with `header` a proxy-set header (CF-Connecting-IP,
 * X-Real-IP) holds it. A request that did not pass through every hop falls back to the socket address.
 */
export function nodeRequestInfo(trust: ProxyTrust) {
  return (request: Request, platform: unknown): RequestInfo => {
    const url = new URL(request.url);
    if (trust.kind === 'none') return { clientIp: socketAddress(platform), publicOrigin: url.origin };
    const hops = trust.kind === 'hops' ? trust.hops : 1;
    const fromProxy =
      trust.kind === 'header'
        ? listOf(request.headers.get(trust.header)).at(-1)
        : appendedBy(listOf(request.headers.get('x-forwarded-for')), hops);
    const proto =
      appendedBy(listOf(request.headers.get('x-forwarded-proto')), hops) ?? url.protocol.slice(0, -1);
    const host = appendedBy(listOf(request.headers.get('x-forwarded-host')), hops) ?? url.host;
    return {
      clientIp: fromProxy?.slice(0, 64) || socketAddress(platform),
      publicOrigin: `${proto === 'https' ? 'https' : 'http'}://${host}`,
    };
  };
}

/** Header values joined by commas (several headers of one name arrive joined too). */
function listOf(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * The entry the outermost of `hops` trusted proxies added. Proxies that overwrite a header instead of
 * appending leave one entry, which is then theirs.
 */
function appendedBy(entries: string[], hops: number): string | undefined {
  if (entries.length === 1) return entries[0];
  return entries.length >= hops ? entries[entries.length - hops] : undefined;
}

/** The socket's peer address, when the request came over a Node socket. */
function socketAddress(platform: unknown): string | null {
  return incomingOf(platform)?.socket?.remoteAddress ?? null;
}

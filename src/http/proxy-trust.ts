import * as z from 'zod';

/** Which reverse proxies stand in front of the Node process, and so which of their headers to believe. */
export type ProxyTrust =
  | { kind: 'none' }
  /** This many proxies append to X-Forwarded-For; the client is the entry the outermost one added. */
  | { kind: 'hops'; hops: number }
  /** A proxy that overwrites this header with the client's address (e.g. cf-connecting-ip, x-real-ip). */
  | { kind: 'header'; header: string };

/**
 * TRUST_PROXY: `false` (no proxy, the default), `true` (one proxy), a number of proxies (`2`), or the name
 * of a header the proxy sets (`cf-connecting-ip`, `x-real-ip`).
 */
export const proxyTrustSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, context): ProxyTrust => {
    if (value === 'false' || value === '0' || value === '') return { kind: 'none' };
    if (value === 'true') return { kind: 'hops', hops: 1 };
    if (/^[1-9]$/.test(value)) return { kind: 'hops', hops: Number(value) };
    if (/^[a-z][a-z0-9-]{1,60}$/.test(value)) return { kind: 'header', header: value };
    context.addIssue({
      code: 'custom',
      message: 'false, true, a number of proxies (1-9) or a header name such as cf-connecting-ip',
    });
    return z.NEVER;
  });

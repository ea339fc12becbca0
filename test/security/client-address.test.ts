import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeConfigSchema } from '../../src/entry/node-config.js';
import { nodeRequestInfo } from '../../src/platform/node/node-request-info.js';
import {
  auditRows,
  makeSecurityWorld,
  type SecurityWorld,
  StaffAgent,
  withHeaders,
} from '../support/security-fixtures.js';

// Issue 7, defect 5: behind a proxy only the address the proxy itself appended is believed.
const socketFrom = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const request = (headers: Record<string, string>) => new Request('http://app.internal/console', { headers });
const trustFrom = (value: string) => nodeConfigSchema.parse({ TRUST_PROXY: value }).TRUST_PROXY;

describe('the client address behind TRUST_PROXY', () => {
  it('reads TRUST_PROXY as off, a number of proxies or a header, and refuses anything else', () => {
    expect(trustFrom('false')).toEqual({ kind: 'none' });
    expect(nodeConfigSchema.parse({}).TRUST_PROXY).toEqual({ kind: 'none' });
    expect(trustFrom('true')).toEqual({ kind: 'hops', hops: 1 });
    expect(trustFrom('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(trustFrom('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(trustFrom('CF-Connecting-IP')).toEqual({ kind: 'header', header: 'cf-connecting-ip' });
    expect(() => trustFrom('yes please')).toThrow(/header name/);
  });

  it('takes the right-most X-Forwarded-For entry with one proxy, never what the client wrote', () => {
    const info = nodeRequestInfo(trustFrom('true'));
    const forged = request({ 'x-forwarded-for': '1.2.3.4, 203.0.113.5' });
    expect(info(forged, socketFrom('10.0.0.2')).clientIp).toBe('203.0.113.5');
    expect(info(request({ 'x-forwarded-for': '203.0.113.5' }), socketFrom('10.0.0.2')).clientIp).toBe(
      '203.0.113.5',
    );
    // No header at all: the request did not come through the proxy; the socket is all we know.
    expect(info(request({}), socketFrom('10.0.0.2')).clientIp).toBe('10.0.0.2');
  });

  it('counts hops from the right, and falls back to the socket when the chain is short', () => {
    const info = nodeRequestInfo(trustFrom('2'));
    const chain = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.1' });
    expect(info(chain, socketFrom('10.0.0.2')).clientIp).toBe('203.0.113.5');
    expect(info(request({}), socketFrom('10.0.0.2')).clientIp).toBe('10.0.0.2');
  });

  it('believes only the named header in header mode', () => {
    const info = nodeRequestInfo(trustFrom('cf-connecting-ip'));
    const viaCloudflare = request({ 'cf-connecting-ip': '203.0.113.9', 'x-forwarded-for': '1.2.3.4' });
    expect(info(viaCloudflare, socketFrom('10.0.0.2')).clientIp).toBe('203.0.113.9');
    expect(info(request({ 'x-forwarded-for': '1.2.3.4' }), socketFrom('10.0.0.2')).clientIp).toBe('10.0.0.2');
  });

  it('ignores every forwarded header with TRUST_PROXY off', () => {
    const info = nodeRequestInfo(trustFrom('false'));
    const forged = request({ 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' });
    expect(info(forged, socketFrom('10.0.0.2'))).toEqual({
      clientIp: '10.0.0.2',
      publicOrigin: 'http://app.internal',
    });
  });

  describe('through the app, behind one proxy', () => {
    let world: SecurityWorld;
    beforeEach(async () => {
      world = await makeSecurityWorld({ trustProxy: true });
    });
    afterEach(() => world.harness.close());

    it('40 log-ins with forged addresses: the audit log has the real one and the address limit holds', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 40; index++) {
        // What the proxy passes on: the client's made-up entry, then the address it saw.
        const browser = new StaffAgent(
          withHeaders(world.fetcher, { 'x-forwarded-for': `10.9.${index}.1, 203.0.113.5` }),
        );
        statuses.push((await browser.logIn(`nobody-${index}`, 'guess')).status);
      }
      expect(statuses.filter((status) => status === 401)).toHaveLength(30);
      expect(statuses.slice(30).every((status) => status === 429)).toBe(true);
      const logged = (await auditRows(world)).filter((row) => row.action.startsWith('auth.'));
      expect(logged.length).toBeGreaterThanOrEqual(31);
      expect(new Set(logged.map((row) => row.ip))).toEqual(new Set(['203.0.113.5']));
    }, 60_000);
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';

function logged(fields: Record<string, unknown>, base: Record<string, unknown> = { service: 'mingbai' }) {
  const lines: string[] = [];
  createLogger('info', base, (line) => lines.push(line)).info('request', fields);
  return JSON.parse(lines[0] ?? 'null') as Record<string, unknown>;
}

describe('logger', () => {
  it('writes a line of plain values as they are', () => {
    const line = logged({ requestId: 'r1', status: 200, ms: 3, cached: false, none: null, gone: undefined });
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'mingbai',
      requestId: 'r1',
      status: 200,
    });
    expect(line).toMatchObject({ ms: 3, cached: false, none: null });
    expect('gone' in line).toBe(false);
    expect(typeof line.time).toBe('string');
  });

  it('writes errors with their name, message and stack, at any depth', () => {
    const error = new TypeError('bad input');
    const line = logged({ error, details: { cause: new Error('deeper') } });
    expect(line.error).toMatchObject({ name: 'TypeError', message: 'bad input' });
    expect(String((line.error as { stack: string }).stack)).toContain('bad input');
    expect((line.details as { cause: unknown }).cause).toMatchObject({ name: 'Error', message: 'deeper' });
  });

  it('writes errors a child logger carries in its own fields', () => {
    const lines: string[] = [];
    createLogger('info', {}, (text) => lines.push(text))
      .child({ job: { failed: new RangeError('too far') } })
      .warn('retry');
    expect(JSON.parse(lines[0] ?? '{}').job.failed).toMatchObject({ name: 'RangeError', message: 'too far' });
  });

  it('leaves out lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', {}, (text) => lines.push(text));
    logger.info('quiet');
    logger.error('loud');
    expect(lines.map((text) => JSON.parse(text).msg)).toEqual(['loud']);
  });
});

import { readFileSync } from 'node:fs';
import { type Agent, request } from 'node:http';

const CHUNK = new Uint8Array(64 * 1024).fill(0x61);

/** `totalBytes` of body produced as it is sent, so a test can post 50 MB without holding 50 MB. */
export function streamingBody(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(CHUNK.byteLength, totalBytes - sent);
      sent += size;
      controller.enqueue(size === CHUNK.byteLength ? CHUNK : CHUNK.subarray(0, size));
    },
  });
}

/** Resident memory of a process on this machine, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]);
  return kilobytes * 1024;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request through a node:http Agent, so a test controls connection reuse exactly (fetch's pool retries
 * quietly). `declaredLength` declares a Content-Length and streams that many bytes until the server answers.
 */
export function rawRequest(
  url: string,
  options: {
    method: string;
    agent: Agent;
    headers?: Record<string, string>;
    body?: string;
    declaredLength?: number;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    if (options.declaredLength !== undefined) headers['content-length'] = String(options.declaredLength);
    const outgoing = request(url, { method: options.method, agent: options.agent, headers }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk) => (body += chunk));
      incoming.on('end', () => {
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body });
        if (options.declaredLength !== undefined) outgoing.destroy();
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    if (options.body !== undefined) return outgoing.end(options.body);
    if (options.declaredLength === undefined) return outgoing.end();
    // Stream the declared body as a browser would, and stop once the server has answered.
    let left = options.declaredLength;
    let answered = false;
    outgoing.once('response', () => {
      answered = true;
    });
    const writeMore = () => {
      while (left > 0 && !answered && !outgoing.destroyed) {
        const size = Math.min(CHUNK.byteLength, left);
        left -= size;
        if (!outgoing.write(CHUNK.subarray(0, size))) return void outgoing.once('drain', writeMore);
      }
    };
    writeMore();
  });
}

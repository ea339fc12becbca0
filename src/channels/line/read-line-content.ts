import type { AppDeps } from '../../platform/ports.js';
import { callLine, type LineConfig, LineRefusedError, lineApi } from './line-api.js';

export type LineContent = { ok: true; value: Uint8Array } | { ok: false; messageKey: string };

/**
 * The bytes of a photo a user sent, read from LINE's content endpoint as it streams, and cut off (refused) as
 * soon as it passes `maxBytes`, so an oversized file is never held whole in memory.
 */
export async function readLineContent(
  deps: AppDeps & { config: LineConfig },
  messageId: string,
  maxBytes: number,
): Promise<LineContent> {
  const { blobs } = lineApi(deps.config);
  let stream: AsyncIterable<Uint8Array>;
  try {
    const result = await callLine(() => blobs.getMessageContent(messageId));
    if (!result.ok) return { ok: false, messageKey: 'channels.photo.expired' };
    stream = result.value;
  } catch (error) {
    // Content that is gone (older than LINE keeps it) or never existed: the parent is asked to send it again.
    if (error instanceof LineRefusedError) return { ok: false, messageKey: 'channels.photo.expired' };
    throw error;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) return { ok: false, messageKey: 'channels.photo.too_large' };
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: bytes };
}

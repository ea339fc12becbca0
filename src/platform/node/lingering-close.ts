import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface LingerLimits {
  /** How long a refused request's connection stays half-open before it is cut. */
  maxMs: number;
  /** How much of the rest of its body is read and thrown away; past this the socket is simply not read. */
  maxBytes: number;
}

/**
 * An answer sent before the request body was read (a 413, a 401) says `Connection: close`. Node then destroys
 * the socket at once, while the client is still sending: its next write meets a reset and most clients report
 * that ("write EPIPE", "other side closed") instead of the answer. So, like nginx's lingering close, the socket
 * is half-closed instead: a little of what the client still sends is read and discarded (so a small leftover
 * ends cleanly), then the socket is no longer read at all (the client's sends stall, costing nothing here), and
 * it is destroyed after a bounded time. Nothing of the body is kept.
 */
export function withLingeringClose(listener: RequestListener, limits: LingerLimits): RequestListener {
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const socket: Socket = incoming.socket;
    const destroySoon = socket.destroySoon;
    let lingering = false;
    socket.destroySoon = function lingerThenDestroy(this: Socket) {
      if (incoming.complete || this.destroyed) return destroySoon.call(this);
      if (lingering) return;
      lingering = true;
      this.end();
      let bytes = 0;
      const stop = () => {
        clearTimeout(timer);
        this.destroy();
      };
      const timer = setTimeout(stop, limits.maxMs);
      timer.unref();
      incoming.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
        if (bytes > limits.maxBytes) this.pause();
      });
      incoming.once('end', stop);
      incoming.once('error', stop);
      incoming.resume();
    };
    // The override is for this request only: a later request on a kept-alive socket gets the original back.
    outgoing.once('close', () => {
      if (!lingering) socket.destroySoon = destroySoon;
    });
    listener(incoming, outgoing);
  };
}

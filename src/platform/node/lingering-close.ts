import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long, and how much, a refused upload is still read and thrown away before its connection is cut. */
export interface LingerLimits {
  maxMs: number;
  maxBytes: number;
}

/**
 * An answer sent before the request body was read (a 413, a 401) says `Connection: close`. Node then destroys
 * the socket at once, while the client is still sending: its next write meets a reset and most clients report
 * that ("write EPIPE", "other side closed") instead of the answer. So, like nginx's lingering close, the socket
 * is half-closed instead and what the client still sends is read and discarded, for a bounded time and size,
 * before the socket is destroyed. Nothing of it is kept.
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
        if (bytes > limits.maxBytes) stop();
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

/**
 * True when a request failed because the client went away (closed the connection mid-body, cancelled the
 * fetch): nothing is wrong with the service, so it is not logged as an error.
 */
export function isClientAbort(error: unknown, request: Request): boolean {
  if (request.signal?.aborted) return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return true;
  const code: unknown = Reflect.get(error, 'code');
  // Node's http server: the socket closed before the body was complete.
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

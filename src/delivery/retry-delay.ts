/** How long to wait before retry number `attempt` (1 = after the first failure): 2 s doubling, at most 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000);
}

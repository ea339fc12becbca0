/** The lane of every job that is not a conversation's event: such jobs run one at a time, as they always have. */
export const SERIAL_LANE = 'serial';

/**
 * Jobs in one lane run one at a time, in the order they were stored; jobs in different lanes may run at once
 * (the Node job worker). A LINE user's (or group's) events share a lane, so two turns of one conversation
 * never run together and messages are answered in the order they were sent, while different families are
 * answered in parallel. Read from the stored row without validating it: a payload that cannot be read goes to
 * the serial lane, where running it records the failure as before.
 */
export function jobLane(kind: string, payload: string): string {
  if (kind !== 'line_event') return SERIAL_LANE;
  try {
    const source = (JSON.parse(payload) as { event?: { source?: Record<string, unknown> } }).event?.source;
    const id =
      source?.type === 'user' ? source.userId : source?.type === 'group' ? source.groupId : source?.roomId;
    return typeof id === 'string' ? `line:${source?.type}:${id}` : SERIAL_LANE;
  } catch {
    return SERIAL_LANE;
  }
}

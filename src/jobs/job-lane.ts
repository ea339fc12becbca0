/** The lane of every job that is not a conversation's event: such jobs run one at a time, as they always have. */
export const SERIAL_LANE = 'serial';

/** Who a LINE event's lane belongs to: the user, group or room its source names. */
export interface LaneSource {
  type: 'user' | 'group' | 'room';
  /** The source's userId, groupId or roomId. */
  id: string;
}

/** Where a LaneSource's id sits in a stored line_event payload, for SQL's json_extract. */
export const LANE_ID_PATH: Record<LaneSource['type'], string> = {
  user: '$.event.source.userId',
  group: '$.event.source.groupId',
  room: '$.event.source.roomId',
};

/**
 * Jobs in one lane run one at a time, in the order they were stored; jobs in different lanes may run at once
 * (the Node job worker). A LINE user's (or group's) events share a lane, so two turns of one conversation
 * never run together and messages are answered in the order they were sent, while different families are
 * answered in parallel. Read from the stored row without validating it: a payload that cannot be read goes to
 * the serial lane, where running it records the failure as before.
 */
export function jobLane(kind: string, payload: string): string {
  const source = laneSource(kind, payload);
  return source ? `line:${source.type}:${source.id}` : SERIAL_LANE;
}

/** The source a line_event job's lane is named after; null for the serial lane. */
export function laneSource(kind: string, payload: string): LaneSource | null {
  if (kind !== 'line_event') return null;
  try {
    const source = (JSON.parse(payload) as { event?: { source?: Record<string, unknown> } }).event?.source;
    const type = source?.type;
    if (type !== 'user' && type !== 'group' && type !== 'room') return null;
    const id = type === 'user' ? source?.userId : type === 'group' ? source?.groupId : source?.roomId;
    return typeof id === 'string' ? { type, id } : null;
  } catch {
    return null;
  }
}

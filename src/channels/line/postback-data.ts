// Postback data Mingbai puts on its buttons and quick replies (at most 300 characters, LINE's limit). A tapped
// choice comes back as `choice:<value>`; anything else a postback carries is not ours and is ignored.

const CHOICE = 'choice:';

export function choicePostback(value: string): string {
  return `${CHOICE}${value}`.slice(0, 300);
}

/** The choice a postback carries, or null. */
export function choiceFromPostback(data: string): string | null {
  if (!data.startsWith(CHOICE)) return null;
  const value = data.slice(CHOICE.length);
  return value.length > 0 && value.length <= 200 ? value : null;
}

type MessageTree = { [key: string]: string | MessageTree };

/** Turns `{ chat: { greeting: "…" } }` into `chat.greeting → "…"`. */
export function flattenMessages(
  tree: object,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  for (const [key, value] of Object.entries(tree as MessageTree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else flattenMessages(value, path, into);
  }
  return into;
}

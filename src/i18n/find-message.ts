/**
 * The string at `chat.greeting` in `{ chat: { greeting: "…" } }`, or undefined. Looked up in the parsed file
 * itself, so taking in a locale costs only its JSON parsing (flattening every key first cost a Worker's first
 * request more than parsing the file did).
 */
export function findMessage(tree: object | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

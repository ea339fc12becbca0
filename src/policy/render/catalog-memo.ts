// Parsed catalogues never change (an upload is a new object), so a view worked out only from a catalogue's
// data, such as the sources line of a set of figures, is the same for every answer that quotes them. Such views
// are kept per catalogue object and shared, frozen, between answers; a replaced catalogue takes its views with it.

/** Catalogue views a memo keeps by default; far more than the combinations a real catalogue has. */
const MAX_ENTRIES = 4096;

export interface CatalogMemo<View> {
  /** The view stored under `key` for `catalog`, worked out by `compute` the first time. */
  get(catalog: object, key: string, compute: () => View): View;
}

/**
 * `maxEntries` bounds each catalogue's views; past it the least recently used one is dropped (a Map keeps
 * insertion order, and a hit moves its entry to the end), which is all a bounded memo needs.
 */
export function createCatalogMemo<View>(maxEntries = MAX_ENTRIES): CatalogMemo<View> {
  const byCatalog = new WeakMap<object, Map<string, View>>();
  return {
    get(catalog, key, compute) {
      let views = byCatalog.get(catalog);
      if (!views) {
        views = new Map();
        byCatalog.set(catalog, views);
      }
      let view = views.get(key);
      if (view === undefined) {
        if (views.size >= maxEntries) views.delete(views.keys().next().value as string);
        view = compute();
      } else {
        views.delete(key);
      }
      views.set(key, view);
      return view;
    },
  };
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number for this object, the same every time: lets a memo key name catalogue objects without their content. */
export function objectKey(object: object): number {
  let id = ids.get(object);
  if (id === undefined) {
    id = nextId++;
    ids.set(object, id);
  }
  return id;
}

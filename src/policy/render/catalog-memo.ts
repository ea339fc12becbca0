// Parsed catalogues never change (an upload is a new object), so a view worked out only from a catalogue's
// data, such as the sources line of a set of figures, is the same for every answer that quotes them. Such views
// are kept per catalogue object and shared, frozen, between answers; a replaced catalogue takes its views with it.

/** Catalogue views a memo keeps at most; far more than the combinations a real catalogue has. */
const MAX_ENTRIES = 4096;

export interface CatalogMemo<View> {
  /** The view stored under `key` for `catalog`, worked out by `compute` the first time. */
  get(catalog: object, key: string, compute: () => View): View;
}

export function createCatalogMemo<View>(): CatalogMemo<View> {
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
        // A bound, not an eviction policy: hand-built catalogues in tests are the only way to reach it.
        if (views.size >= MAX_ENTRIES) views.clear();
        view = compute();
        views.set(key, view);
      }
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

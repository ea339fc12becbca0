import type { AsPlainObject, Options } from 'minisearch';
import { LoadedSearch, type SearchSnapshot, type SnapshotNode } from './loaded-search.js';

export type { SearchSnapshot, SnapshotNode } from './loaded-search.js';

// Takes the snapshots loaded-search.ts loads: `npm run build:search-indexes` and the tests use it, a server never.

export class SnapshotSearch<Document> extends LoadedSearch<Document> {
  /** The index exactly as MiniSearch.loadJS would rebuild it from `json`, but as a SnapshotSearch. */
  static fromJSON<Document>(json: AsPlainObject, options: Options<Document>): SnapshotSearch<Document> {
    const search = new SnapshotSearch(options);
    search.restore({
      documentCount: json.documentCount,
      nextId: json.nextId,
      documentIds: byShortId(numericEntries(json.documentIds)),
      fieldIds: json.fieldIds,
      fieldLength: byShortId(numericEntries(json.fieldLength)),
      averageFieldLength: json.averageFieldLength,
      storedFields: byShortId(numericEntries(json.storedFields)),
      tree: [],
    });
    // Same inserts, same order as loadJS: the tree comes out node for node as it would on every load.
    for (const [term, data] of json.index) {
      search._index.set(
        term,
        new Map(Object.keys(data).map((fieldId) => [Number(fieldId), numericMap(data[fieldId] ?? {})])),
      );
    }
    return search;
  }

  static override fromSnapshot<Document>(
    snapshot: SearchSnapshot,
    options: Options<Document>,
  ): SnapshotSearch<Document> {
    const search = new SnapshotSearch(options);
    search.restore(snapshot);
    return search;
  }

  /** The serialisable form: the counts and maps MiniSearch keeps, and the tree as nested entry lists. */
  snapshot(): SearchSnapshot {
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      documentIds: byShortId(this._documentIds),
      fieldIds: this._fieldIds,
      fieldLength: byShortId(this._fieldLength),
      averageFieldLength: this._avgFieldLength,
      storedFields: byShortId(this._storedFields),
      tree: snapshotNode(this._index._tree),
    };
  }
}

function numericEntries<Value>(object: Record<string, Value>): [number, Value][] {
  return Object.entries(object).map(([key, value]) => [Number(key), value]);
}

/** The values of a per-document map as a list by short id; the ids must be 0, 1, 2 … in order. */
function byShortId<Value>(entries: Iterable<[number, Value]>): Value[] {
  const values: Value[] = [];
  for (const [shortId, value] of entries) {
    if (shortId !== values.length) throw new Error('a snapshot is taken of an index before any removal');
    values.push(value);
  }
  return values;
}

function numericMap(object: Record<string, number>): Map<number, number> {
  return new Map(numericEntries(object));
}

/** Under the empty key a node holds the term's postings (field → document → frequency), else a child node. */
type TreeNode = ReadonlyMap<string, unknown>;

function snapshotNode(tree: TreeNode): SnapshotNode {
  return [...tree].map(([key, value]) => {
    if (key !== '') return [key, snapshotNode(value as TreeNode)];
    const postings = [...(value as ReadonlyMap<number, ReadonlyMap<number, number>>)];
    return [
      key,
      postings.flatMap(([fieldId, docs]) => [...docs].flatMap(([docId, count]) => [fieldId, docId, count])),
    ];
  });
}

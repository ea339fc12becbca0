import type { AsPlainObject, Options } from 'minisearch';
import { RankedSearch } from './ranked-search.js';

// MiniSearch.loadJS rebuilds its radix tree term by term, and each insert scans the children of the root one by
// one: with ~1,400 terms that start with ~700 different characters that is 20–50 ms of CPU in a fresh isolate,
// more than a Worker's whole first request may spend. A snapshot stores the finished tree instead, so loading is
// one pass that creates each node once. Written by `npm run build:search-indexes`; minisearch is pinned, and
// test/policy/search-snapshot.test.ts checks that a snapshot answers exactly as the index it was taken of.

/** Documents and fields per term: `[fieldId, [docId, frequency, docId, frequency, …]]`. */
type SnapshotPostings = [number, number[]][];
/** One node of the radix tree: its keys in the tree's own order; the empty key holds the term's postings. */
export type SnapshotNode = [string, SnapshotNode | { postings: SnapshotPostings }][];

export interface SearchSnapshot {
  documentCount: number;
  nextId: number;
  documentIds: [number, string][];
  fieldIds: Record<string, number>;
  fieldLength: [number, number[]][];
  averageFieldLength: number[];
  storedFields: [number, Record<string, unknown>][];
  tree: SnapshotNode;
}

export class SnapshotSearch<Document> extends RankedSearch<Document> {
  /** The index exactly as MiniSearch.loadJS would rebuild it from `json`, but as a SnapshotSearch. */
  static fromJSON<Document>(json: AsPlainObject, options: Options<Document>): SnapshotSearch<Document> {
    const search = new SnapshotSearch(options);
    search.restore({
      documentCount: json.documentCount,
      nextId: json.nextId,
      documentIds: numericEntries(json.documentIds),
      fieldIds: json.fieldIds,
      fieldLength: numericEntries(json.fieldLength),
      averageFieldLength: json.averageFieldLength,
      storedFields: numericEntries(json.storedFields),
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

  static fromSnapshot<Document>(
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
      documentIds: [...this._documentIds],
      fieldIds: this._fieldIds,
      fieldLength: [...this._fieldLength],
      averageFieldLength: this._avgFieldLength,
      storedFields: [...this._storedFields],
      tree: snapshotNode(this._index._tree),
    };
  }

  private restore(snapshot: SearchSnapshot): void {
    this._documentCount = snapshot.documentCount;
    this._nextId = snapshot.nextId;
    this._documentIds = new Map(snapshot.documentIds);
    this._idToShortId = new Map(snapshot.documentIds.map(([shortId, id]) => [id, shortId]));
    this._fieldIds = snapshot.fieldIds;
    this._fieldLength = new Map(snapshot.fieldLength);
    this._avgFieldLength = snapshot.averageFieldLength;
    this._storedFields = new Map(snapshot.storedFields);
    this._dirtCount = 0;
    this._index._tree = treeOf(snapshot.tree);
  }
}

function numericEntries<Value>(object: Record<string, Value>): [number, Value][] {
  return Object.entries(object).map(([key, value]) => [Number(key), value]);
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
    return [key, { postings: postings.map(([fieldId, docs]) => [fieldId, [...docs].flat()]) }];
  });
}

function treeOf(node: SnapshotNode) {
  const tree = new Map();
  for (const [key, value] of node) {
    if (Array.isArray(value)) {
      tree.set(key, treeOf(value));
    } else {
      const fields = new Map();
      for (const [fieldId, pairs] of value.postings) {
        const docs = new Map<number, number>();
        for (let at = 0; at < pairs.length; at += 2) docs.set(pairs[at] ?? 0, pairs[at + 1] ?? 0);
        fields.set(fieldId, docs);
      }
      tree.set(key, fields);
    }
  }
  return tree;
}

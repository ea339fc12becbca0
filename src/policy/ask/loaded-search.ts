import type { Options } from 'minisearch';
import { RankedSearch } from './ranked-search.js';

// MiniSearch.loadJS rebuilds its radix tree term by term, and each insert scans the children of the root one by
// one: with ~1,400 terms that start with ~700 different characters that is 20–50 ms of CPU in a fresh isolate,
// more than a Worker's whole first request may spend. A snapshot stores the finished tree instead, so loading is
// one pass that creates each node once. Written by `npm run build:search-indexes`; minisearch is pinned, and
// test/policy/search-snapshot.test.ts checks that a snapshot answers exactly as the index it was taken of.
// This file is what a server needs to load one; search-snapshot.ts takes them (at build time and in tests).

/** Where a term occurs: `fieldId, docId, frequency` after one another, grouped by field. */
export type SnapshotPostings = number[];
/** One node of the radix tree: its keys in the tree's own order; the empty key holds the term's postings. */
export type SnapshotNode = [string, SnapshotNode | SnapshotPostings][];

/** Per-document lists are by short id (0, 1, 2 …: the index is taken before any document is removed). */
export interface SearchSnapshot {
  documentCount: number;
  nextId: number;
  documentIds: string[];
  fieldIds: Record<string, number>;
  fieldLength: number[][];
  averageFieldLength: number[];
  storedFields: Record<string, unknown>[];
  tree: SnapshotNode;
}

export class LoadedSearch<Document> extends RankedSearch<Document> {
  static fromSnapshot<Document>(
    snapshot: SearchSnapshot,
    options: Options<Document>,
  ): LoadedSearch<Document> {
    const search = new LoadedSearch(options);
    search.restore(snapshot);
    return search;
  }

  protected restore(snapshot: SearchSnapshot): void {
    this._documentCount = snapshot.documentCount;
    this._nextId = snapshot.nextId;
    this._documentIds = new Map(snapshot.documentIds.map((id, shortId) => [shortId, id]));
    this._idToShortId = new Map(snapshot.documentIds.map((id, shortId) => [id, shortId]));
    this._fieldIds = snapshot.fieldIds;
    this._fieldLength = new Map(snapshot.fieldLength.map((lengths, shortId) => [shortId, lengths]));
    this._avgFieldLength = snapshot.averageFieldLength;
    this._storedFields = new Map(snapshot.storedFields.map((fields, shortId) => [shortId, fields]));
    this._dirtCount = 0;
    this._index._tree = treeOf(snapshot.tree);
  }
}

function treeOf(node: SnapshotNode) {
  const tree = new Map();
  for (const [key, value] of node) {
    if (!isPostings(key, value)) {
      tree.set(key, treeOf(value));
    } else {
      const fields = new Map<number, Map<number, number>>();
      for (let at = 0; at < value.length; at += 3) {
        const fieldId = value[at] ?? 0;
        let docs = fields.get(fieldId);
        if (!docs) {
          docs = new Map();
          fields.set(fieldId, docs);
        }
        docs.set(value[at + 1] ?? 0, value[at + 2] ?? 0);
      }
      tree.set(key, fields);
    }
  }
  return tree;
}

/** Under the empty key a node holds its term's postings; under any other, a child node. */
function isPostings(key: string, _value: SnapshotNode | SnapshotPostings): _value is SnapshotPostings {
  return key === '';
}

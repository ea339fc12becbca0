import MiniSearch, { type MatchInfo, type SearchOptions, type SearchResult } from 'minisearch';

// MiniSearch's `search` works out, for every term of a question, every document field the term occurs in and
// its BM25 score (a logarithm each time), after spreading its options into new objects; half the CPU of an
// answer went there. A term's BM25 score in a field depends only on the index, which never changes once made,
// so RankedSearch keeps those scores per term the first time the term is searched, and `searchTerms` only weighs
// and adds them. It repeats MiniSearch 7.2's arithmetic step by step (same products, same order of sums, same order
// of results), so the results are exactly MiniSearch's: test/policy/ranked-search.test.ts compares them.
// A term's expansions (itself, the longer words it starts, the words it is a typo of) and their weights depend
// only on the term and the index as well, and finding them walks the radix tree: they are kept per term too.
// minisearch is pinned for this reason (and for search-snapshot.ts).

/** A term's occurrence in one field of one document, with its BM25 score there. */
interface Posting {
  readonly field: string;
  readonly fieldBoost: number;
  readonly docId: number;
  /** The document's id and stored fields, looked up once here rather than for every search. */
  readonly id: unknown;
  readonly stored: Record<string, unknown> | undefined;
  readonly score: number;
}

/** A term of the index that a searched term stands for (itself, a longer word, a corrected typo) and its weight. */
interface Expansion {
  readonly derivedTerm: string;
  readonly weight: number;
  readonly postings: readonly Posting[];
}

type FieldTermData = Map<number, Map<number, number>>;

interface RawResult {
  score: number;
  terms: string[];
  match: MatchInfo;
  /** Which term of the question found the document first, and which last, with what derived term. */
  bornAt: number;
  touchedAt: number;
  touchedBy: string;
  /** The last term's score for a document found by an earlier term: MiniSearch adds it up on its own first. */
  pending: number;
}

type DocumentBoost = NonNullable<SearchOptions['boostDocument']>;

interface FuzzySearchable {
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/** Questions are free text, so the terms whose expansions are kept are bounded; the oldest go first. */
const KEPT_TERMS = 4096;

const ASCII = /^[\x20-\x7e]*$/;
const HAS_ASCII = /[\x20-\x7e]/;

export class RankedSearch<Document> extends MiniSearch<Document> {
  private postingsByTerm = new WeakMap<FieldTermData, readonly Posting[]>();
  /** By prefix flag, maximum edit distance and term (see `expansions`). */
  private expansionsByTerm = new Map<string, readonly Expansion[]>();
  /**
   * Every term of the index with its data. The radix tree finds a term by comparing it with each key of the root in
   * turn, and the root has a key for most Chinese characters: a plain map answers at once.
   */
  private termData: Map<string, FieldTermData> | undefined;
  /** The document count and next id the maps above were made for: adding or removing a document resets them. */
  private cachedForCount = -1;
  private cachedForNextId = -1;
  private fieldBoosts: [string, number][] | undefined;
  private asciiTree: FuzzySearchable | undefined;

  /**
   * MiniSearch's `search` of a question already cut into terms (as the index's tokenizer cuts it), with a
   * document boost and otherwise the index's search options.
   */
  searchTerms(tokens: readonly string[], boostDocument?: DocumentBoost): SearchResult[] {
    if (this._dirtCount > 0) throw new Error('discarded documents');
    const { searchOptions } = this._options;
    const { processTerm } = { processTerm: this._options.processTerm, ...searchOptions };
    const terms = tokens.flatMap((term) => processTerm(term)).filter((term): term is string => !!term);
    const combined = new Map<number, RawResult>();
    const earlier: RawResult[] = [];
    for (let index = 0; index < terms.length; index++) {
      this.termSearch(terms[index] ?? '', index, terms, boostDocument, combined, earlier);
      // MiniSearch's OR: a term's own total is added to what the earlier terms found.
      for (const result of earlier) result.score = result.score + result.pending;
      earlier.length = 0;
    }
    const results: SearchResult[] = [];
    for (const [docId, { score, terms: queryTerms, match }] of combined) {
      const quality = queryTerms.length || 1;
      const result: SearchResult = {
        id: this._documentIds.get(docId),
        score: score * quality,
        terms: Object.keys(match),
        queryTerms,
        match,
      };
      Object.assign(result, this._storedFields.get(docId));
      if (searchOptions.filter == null || searchOptions.filter(result)) results.push(result);
    }
    results.sort((a, b) => b.score - a.score);
    return results;
  }

  /**
   * MiniSearch's executeQuerySpec for one term (the exact term, then its prefix and fuzzy matches), combined with
   * the earlier terms' results as it goes instead of in a map of its own; documents the earlier terms found are
   * listed in `earlier`, their score for this term kept apart.
   */
  private termSearch(
    term: string,
    index: number,
    terms: string[],
    boostDocument: DocumentBoost | undefined,
    combined: Map<number, RawResult>,
    earlier: RawResult[],
  ): void {
    const options = this._options.searchOptions;
    const fuzzy =
      typeof options.fuzzy === 'function' ? options.fuzzy(term, index, terms) : options.fuzzy || false;
    const prefix =
      typeof options.prefix === 'function' ? options.prefix(term, index, terms) : options.prefix === true;
    const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, index, terms) : 1;
    let maxDistance = 0;
    if (fuzzy) {
      const fraction = fuzzy === true ? 0.2 : fuzzy;
      const maxFuzzy = options.maxFuzzy ?? 6;
      maxDistance = fraction < 1 ? Math.min(maxFuzzy, Math.round(term.length * fraction)) : fraction;
    }
    for (const { derivedTerm, weight, postings } of this.expansions(term, prefix, maxDistance))
      this.addTermResults(
        term,
        index,
        derivedTerm,
        weight,
        termBoost,
        postings,
        boostDocument,
        combined,
        earlier,
      );
  }

  /** The exact term, then its prefix and fuzzy matches, in MiniSearch's order and with its weights. */
  private expansions(term: string, prefix: boolean, maxDistance: number): readonly Expansion[] {
    this.resetIfChanged();
    // Most terms (all Chinese ones) are searched exactly, under the term itself; the others under the flag and
    // distance, which hold no NUL, then a NUL and the term, a key no term without a NUL can have.
    const key =
      prefix || maxDistance || term.includes('\u0000')
        ? `${prefix ? 'p' : '-'}${maxDistance}\u0000${term}`
        : term;
    const kept = this.expansionsByTerm.get(key);
    if (kept) return kept;
    const weights = { ...DEFAULT_WEIGHTS, ...this._options.searchOptions.weights };
    const list: Expansion[] = [];
    const add = (derivedTerm: string, weight: number, data: FieldTermData | undefined) => {
      if (data != null) list.push({ derivedTerm, weight, postings: this.postings(data) });
    };
    add(term, 1, this.vocabulary().get(term));
    const prefixMatches = prefix ? this._index.atPrefix(term) : undefined;
    const fuzzyMatches = maxDistance
      ? this.fuzzyTree(term, maxDistance).fuzzyGet(term, maxDistance)
      : undefined;
    if (prefixMatches) {
      for (const [derived, data] of prefixMatches) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(derived);
        add(derived, (weights.prefix * derived.length) / (derived.length + 0.3 * distance), data);
      }
    }
    if (fuzzyMatches) {
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        add(derived, (weights.fuzzy * derived.length) / (derived.length + distance), data);
      }
    }
    if (this.expansionsByTerm.size >= KEPT_TERMS)
      this.expansionsByTerm.delete(this.expansionsByTerm.keys().next().value ?? '');
    this.expansionsByTerm.set(key, list);
    return list;
  }

  /**
   * MiniSearch's termResults and OR, with the BM25 scores looked up instead of worked out. A term's derived
   * terms are distinct and each one's postings come together, so a document meets a derived term anew exactly
   * when it was last touched by another one (or term): then the term's matched fields replace any earlier ones.
   */
  private addTermResults(
    sourceTerm: string,
    index: number,
    derivedTerm: string,
    termWeight: number,
    termBoost: number,
    postings: readonly Posting[],
    boostDocument: DocumentBoost | undefined,
    combined: Map<number, RawResult>,
    earlier: RawResult[],
  ): void {
    for (const { field, fieldBoost, docId, id, stored, score } of postings) {
      const docBoost = boostDocument ? boostDocument(id, derivedTerm, stored) : 1;
      if (!docBoost) continue;
      const weightedScore = termWeight * termBoost * fieldBoost * docBoost * score;
      const result = combined.get(docId);
      if (!result) {
        combined.set(docId, {
          score: weightedScore,
          terms: [sourceTerm],
          match: { [derivedTerm]: [field] },
          bornAt: index,
          touchedAt: index,
          touchedBy: derivedTerm,
          pending: 0,
        });
        continue;
      }
      if (result.bornAt === index) {
        result.score += weightedScore;
      } else if (result.touchedAt === index) {
        result.pending += weightedScore;
      } else {
        result.pending = weightedScore;
        earlier.push(result);
        if (!result.terms.includes(sourceTerm)) result.terms.push(sourceTerm);
      }
      const fields =
        result.touchedAt === index && result.touchedBy === derivedTerm
          ? result.match[derivedTerm]
          : undefined;
      if (fields) fields.push(field);
      else result.match[derivedTerm] = [field];
      result.touchedAt = index;
      result.touchedBy = derivedTerm;
    }
  }

  /** Every field and document a term occurs in, in MiniSearch's order, with the term's BM25 score there. */
  private postings(data: FieldTermData): readonly Posting[] {
    this.resetIfChanged();
    let postings = this.postingsByTerm.get(data);
    if (postings) return postings;
    const { k, b, d } = this._options.searchOptions.bm25 ?? { k: 1.2, b: 0.7, d: 0.5 };
    const list: Posting[] = [];
    for (const [field, fieldBoost] of this.boosts()) {
      const fieldId = this._fieldIds[field];
      const freqs = fieldId === undefined ? undefined : data.get(fieldId);
      if (fieldId === undefined || freqs == null) continue;
      const matchingCount = freqs.size;
      const avgFieldLength = this._avgFieldLength[fieldId] ?? 0;
      for (const [docId, termFreq] of freqs) {
        const fieldLength = this._fieldLength.get(docId)?.[fieldId] ?? 0;
        // calcBM25Score of MiniSearch 7.2, term for term.
        const invDocFreq = Math.log(1 + (this._documentCount - matchingCount + 0.5) / (matchingCount + 0.5));
        const score =
          invDocFreq *
          (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
        const id = this._documentIds.get(docId);
        list.push({ field, fieldBoost, docId, id, stored: this._storedFields.get(docId), score });
      }
    }
    postings = list;
    this.postingsByTerm.set(data, postings);
    return postings;
  }

  private vocabulary(): Map<string, FieldTermData> {
    this.resetIfChanged();
    if (!this.termData) this.termData = new Map(this._index);
    return this.termData;
  }

  private resetIfChanged(): void {
    if (this._documentCount === this.cachedForCount && this._nextId === this.cachedForNextId) return;
    this.postingsByTerm = new WeakMap();
    this.expansionsByTerm.clear();
    this.termData = undefined;
    this.cachedForCount = this._documentCount;
    this.cachedForNextId = this._nextId;
  }

  /** The fields searched, each with its boost (1 when none is set), in the order of the `fields` option. */
  private boosts(): [string, number][] {
    if (!this.fieldBoosts) {
      const boost: Record<string, number> = this._options.searchOptions.boost ?? {};
      const fields = this._options.searchOptions.fields ?? this._options.fields;
      this.fieldBoosts = fields.map((field) => [
        field,
        (Object.hasOwn(boost, field) ? boost[field] : 0) || 1,
      ]);
    }
    return this.fieldBoosts;
  }

  /**
   * Where to look for a term's fuzzy matches. A term without ASCII characters shares none with an ASCII term, so
   * their edit distance is at least the ASCII term's length: when that is more than the distance allowed, the branches of
   * the tree holding only such terms (most of it) cannot match, and walking them is skipped. The branches kept
   * are in the tree's order, so the matches come in the same order as from the whole tree.
   */
  private fuzzyTree(term: string, maxDistance: number): FuzzySearchable {
    if (maxDistance >= term.length || !ASCII.test(term)) return this._index;
    if (!this.asciiTree) {
      const view = this._index.atPrefix('');
      const kept = new Map();
      for (const [key, node] of this._index._tree) if (holdsAscii(key, node)) kept.set(key, node);
      view._tree = kept;
      this.asciiTree = view;
    }
    return this.asciiTree;
  }
}

/** Whether a key or any key below it holds a printable ASCII character (the empty key holds a term's data). */
function holdsAscii(key: string, node: unknown): boolean {
  if (HAS_ASCII.test(key)) return true;
  if (key === '' || !(node instanceof Map)) return false;
  for (const [childKey, child] of node) if (holdsAscii(childKey, child)) return true;
  return false;
}

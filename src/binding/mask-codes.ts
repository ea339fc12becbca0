import { inJsonPlaceholder } from '../db/in-json-list.js';
import { preparedQuery } from '../db/prepared-query.js';
import { bindingCodes } from '../db/schema.js';
import type { AppDeps } from '../platform/ports.js';
import { CODE_ALPHABET, normalizeBindingCode } from './binding-code.js';
import { storedCodeHashes } from './code-hash.js';

export const CODE_MASK = '••••••••';

// A code as people type it: 8 characters of the code alphabet in either case, half or full width, in two
// halves with at most one separator (the slip prints ABCD-EFGH), not inside a longer run of letters or digits.
const codeChar = [...CODE_ALPHABET]
  .flatMap((char) => {
    const variants = [char, char.toLowerCase()];
    return variants.flatMap((variant) => [variant, String.fromCharCode(variant.charCodeAt(0) + 0xfee0)]);
  })
  .join('');
// The look-behind (no letter or digit before the first character) comes after that first character, so the
// engine only tries it where a code character is (most of a transcript is Chinese text and JSON punctuation),
// not at every position: the same matches, a third less time.
const CODE_LIKE = new RegExp(
  `[${codeChar}](?<![\\p{L}\\p{N}][${codeChar}])[${codeChar}]{3}([-\\s_·.－]?)[${codeChar}]{4}(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * Replaces anything in a chat message that looks like a binding code with a mask, so a code typed at the
 * wrong moment ("my code is ABCD-EFGH", at the main menu) never lands in the stored transcript. Tokens that
 * also read as ordinary words (all lower-case letters, like "students") are masked only if they are a code
 * that was really issued.
 */
export async function maskBindingCodes(
  deps: Pick<AppDeps, 'database' | 'config'>,
  text: string,
): Promise<string> {
  const [masked] = await maskBindingCodesInAll(deps, [text]);
  return masked ?? text;
}

/**
 * maskBindingCodes for several texts at once (the rows of one chat turn): the word-like tokens of all of them
 * are checked against the issued codes in one query.
 */
export async function maskBindingCodesInAll(
  deps: Pick<AppDeps, 'database' | 'config'>,
  texts: readonly string[],
): Promise<string[]> {
  const scanned = texts.map(scanOf);
  const codes = new Set(scanned.flatMap((each) => each.codes));
  const issued = codes.size > 0 ? await issuedAmong(deps, codes) : new Set<string>();
  return texts.map((text, index) => {
    const scan = scanned[index]!;
    if (scan.found === 0) return text;
    // A text masks the same way whenever none of its word-like tokens is an issued code (nearly always).
    if (scan.codes.some((code) => issued.has(code))) return mask(text, scan, issued);
    scan.maskedIfNoneIssued ??= mask(text, scan);
    return scan.maskedIfNoneIssued;
  });
}

function mask(text: string, scan: Scan, issued: ReadonlySet<string> = new Set()): string {
  return text.replace(CODE_LIKE, (whole: string, separator: string) => {
    if (obviouslyACode(whole, separator)) return CODE_MASK;
    const code = normalizeBindingCode(whole);
    return scan.maskAll || (code && issued.has(code)) ? CODE_MASK : whole;
  });
}

interface Scan {
  found: number;
  maskAll: boolean;
  codes: string[];
  /** The text masked when none of `codes` is issued, once it was needed. */
  maskedIfNoneIssued?: string;
}

// Most rows of a turn are texts seen turn after turn (the main menu, the answer to a common question): what a
// text holds is worked out once, not with two passes of the pattern on every turn. Whether its tokens are
// issued is still asked of the database every time. Values, not promises (as below); the process holds these
// texts while it serves them anyway.
const recentScans = new Map<string, Scan>();
const RECENT_SCANS_MAX = 500;

function scanOf(text: string): Scan {
  let known = recentScans.get(text);
  if (!known) {
    known = scan(text);
    if (recentScans.size >= RECENT_SCANS_MAX) recentScans.clear();
    recentScans.set(text, known);
  }
  return known;
}

/** The code-like tokens of one text, and those of them that need asking the database about. */
function scan(text: string): Scan {
  const found = [...text.matchAll(CODE_LIKE)];
  if (found.length === 0) return { found: 0, maskAll: false, codes: [] };
  const unsure = found.filter((match) => !obviouslyACode(match[0], match[1] ?? ''));
  // Past that many word-like tokens a text is not prose: mask them all. (The limit once kept one lookup within
  // D1's 100 parameters; the lookup now takes one, but what counts as prose has not changed.)
  const maskAll = unsure.length > 45;
  // Word-like tokens that cannot be a code (a letter the alphabet leaves out: "children", "Language") are prose.
  const codes = maskAll
    ? []
    : unsure.map((match) => normalizeBindingCode(match[0])).filter((code) => code !== null);
  return { found: found.length, maskAll, codes };
}

// Every stored hash of the tokens as one JSON parameter: one statement, prepared once, whatever their number.
const storedHashesIn = preparedQuery((db) =>
  db
    .select({ codeHash: bindingCodes.codeHash })
    .from(bindingCodes)
    .where(inJsonPlaceholder(bindingCodes.codeHash, 'hashes'))
    .prepare(),
);

/** Which of these codes were issued (any of their stored hashes is in binding_codes). */
async function issuedAmong(deps: Pick<AppDeps, 'database' | 'config'>, codes: ReadonlySet<string>) {
  const hashesByCode = new Map(
    await Promise.all([...codes].map(async (code) => [code, await hashesOf(deps.config, code)] as const)),
  );
  const rows = await storedHashesIn(deps.database.db).all({
    hashes: JSON.stringify([...hashesByCode.values()].flat()),
  });
  const stored = new Set(rows.map((row) => row.codeHash));
  const issued = new Set<string>();
  for (const [code, hashes] of hashesByCode) if (hashes.some((hash) => stored.has(hash))) issued.add(code);
  return issued;
}

// The same word-like tokens come back in turn after turn (the menu's "messages" choice is in every menu reply),
// and each costs two Web Crypto hashes: the hashes of recent ones are kept. Values, not promises (workerd does
// not let one request wait on a promise another made); the secret is part of the key.
const recentHashes = new Map<string, string[]>();
const RECENT_HASHES_MAX = 1_000;

async function hashesOf(config: AppDeps['config'], code: string): Promise<string[]> {
  const key = `${config.BINDING_CODE_SECRET}\u0000${code}`;
  const known = recentHashes.get(key);
  if (known) return known;
  const hashes = await storedCodeHashes(config, code);
  if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.clear();
  recentHashes.set(key, hashes);
  return hashes;
}

/** A digit, a non-space separator or capitals: not a word anyone writes, so masked without asking. */
function obviouslyACode(token: string, separator: string): boolean {
  const plain = token.normalize('NFKC');
  return /[0-9]/.test(plain) || (separator !== '' && !/\s/.test(separator)) || /[A-Z].*[A-Z]/.test(plain);
}

/** D1 binds at most 100 parameters per statement; a statement whose parameters grow with data is cut to fit. */
export const D1_MAX_PARAMS = 100;

/** `items` in runs small enough that `paramsPerItem` each (plus `fixedParams` once) stays within D1's limit. */
export function chunkForD1<T>(items: readonly T[], paramsPerItem: number, fixedParams = 0): T[][] {
  const size = Math.max(1, Math.floor((D1_MAX_PARAMS - fixedParams) / paramsPerItem));
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

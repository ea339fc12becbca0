/**
 * One file of the Worker's static assets (dist/worker-assets, gathered by scripts/build-worker-assets.mjs);
 * a missing file is an error, never an empty answer.
 */
export async function readAsset(assets: Fetcher, name: string): Promise<Response> {
  // The host is never looked at: the binding only serves this Worker's assets.
  const response = await assets.fetch(`https://assets.invalid/${name}`);
  if (!response.ok) throw new Error(`${name} not in the static assets (${response.status})`);
  return response;
}

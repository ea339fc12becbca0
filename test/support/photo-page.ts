import { expect } from 'vitest';

/**
 * On an application's photo page (`/apply/<token>`): adds a second page to the first document that already has
 * one, as a parent choosing a photo there does. Returns that document's kind and the upload's answer (201).
 */
export async function addSecondPage(
  fetcher: (path: string, init?: RequestInit) => Promise<Response>,
  pagePath: string,
  photo: Uint8Array<ArrayBuffer>,
): Promise<{ kind: string; uploaded: Response }> {
  const photoPage = await (await fetcher(pagePath)).text();
  const kind = /data-count="([a-z_]+)">1</.exec(photoPage)?.[1];
  expect(kind, photoPage).toBeDefined();
  const form = new FormData();
  form.append('kind', kind!);
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'page-2.jpg');
  const uploaded = await fetcher(`${pagePath}/photos`, { method: 'POST', body: form });
  expect(uploaded.status, await uploaded.clone().text()).toBe(201);
  return { kind: kind!, uploaded };
}

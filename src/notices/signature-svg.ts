import * as z from 'zod';

/** signature_pad's toData(): strokes of points in CSS pixels of the canvas. */
export const strokesSchema = z
  .array(
    z
      .object({
        points: z
          .array(z.object({ x: z.number().finite(), y: z.number().finite() }).passthrough())
          .min(1)
          .max(5000),
      })
      .passthrough(),
  )
  .min(1)
  .max(200);
export type Strokes = z.infer<typeof strokesSchema>;

/**
 * The signature as SVG drawn here from the stroke points, never the SVG a browser sent (which could carry
 * script). Pure.
 */
export function signatureSvg(strokes: Strokes, width: number, height: number): string {
  const round = (value: number) => Math.round(value * 10) / 10;
  const paths = strokes.map((stroke) => {
    const [first, ...rest] = stroke.points;
    if (!first) return '';
    const start = `M${round(first.x)} ${round(first.y)}`;
    const lines =
      rest.length === 0 ? ` l0.1 0` : rest.map((point) => ` L${round(point.x)} ${round(point.y)}`).join('');
    return `<path d="${start}${lines}"/>`;
  });
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<g fill="none" stroke="#111" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">${paths.join('')}</g></svg>`
  );
}

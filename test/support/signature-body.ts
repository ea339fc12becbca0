import { TINY_PNG } from './chat-client.js';

// What the notice page's signature pad posts: a short stroke as signature_pad's toData() gives it, the canvas
// size in CSS pixels and the canvas as a PNG.
const PNG_DATA_URL = `data:image/png;base64,${btoa(String.fromCharCode(...TINY_PNG))}`;
const STROKES = [
  {
    points: [
      { x: 10, y: 20, time: 1, pressure: 0.5 },
      { x: 60, y: 40, time: 2, pressure: 0.5 },
    ],
  },
];

/** The JSON body of POST …/signature with these answers to the notice's check questions. */
export function signatureBody(answers: number[] = [1]): string {
  return JSON.stringify({ answers, strokes: STROKES, width: 320, height: 180, png: PNG_DATA_URL });
}

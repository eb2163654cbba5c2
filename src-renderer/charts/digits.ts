/** An RGBA picture as ImageData holds it (4 bytes per pixel, row-major), without needing a DOM. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/**
 * A grey-scale digit (`pixels`: `side × side` intensities 0–255, row-major, 0 = background) as an RGBA image
 * scaled by `scale` (nearest neighbour), white background and dark ink (value v → grey 255 − v), opaque.
 * Throws a RangeError when the pixel count is not `side²` or the scale is not a positive integer.
 */
export function digitImage(pixels: readonly number[], scale = 3, side = 28): RgbaImage {
  if (pixels.length !== side * side) throw new RangeError(`digitImage: expected ${side * side} pixels (${side} × ${side}), got ${pixels.length}`);
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`digitImage: scale must be a positive integer, got ${scale}`);
  const width = side * scale;
  const data = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    const row = Math.floor(y / scale) * side;
    for (let x = 0; x < width; x++) {
      const v = pixels[row + Math.floor(x / scale)]!;
      const grey = 255 - Math.min(255, Math.max(0, Math.round(v)));
      const at = (y * width + x) * 4;
      data[at] = grey;
      data[at + 1] = grey;
      data[at + 2] = grey;
      data[at + 3] = 255;
    }
  }
  return { width, height: width, data };
}

/** The caption of a misclassified digit: `true 3 → 5 (0.82)` (confidence of the predicted class, 2 decimals). */
export function digitCaption(label: number, predicted: number, confidence: number): string {
  return `true ${label} → ${predicted} (${Number.isFinite(confidence) ? confidence.toFixed(2) : '—'})`;
}

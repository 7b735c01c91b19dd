/**
 * Text widths from the chart font itself, for vega's layout. Without a canvas vega guesses 0.8 em a character, some
 * 40% wider than DejaVu Sans, which pushes legends and titles far off; with these widths the layout fits the text the
 * rasteriser draws. Reads only what a width needs from the TrueType file: `head` (units per em), `hhea` and `hmtx`
 * (advance widths) and the Unicode BMP `cmap` (format 4). Kerning is left out (a pixel or two on a long title).
 */

const tag = (b: DataView, at: number) =>
  String.fromCharCode(b.getUint8(at), b.getUint8(at + 1), b.getUint8(at + 2), b.getUint8(at + 3));

/** Where each table starts, by its tag. */
function tables(b: DataView): Map<string, number> {
  const out = new Map<string, number>();
  const count = b.getUint16(4);
  for (let i = 0; i < count; i++) out.set(tag(b, 12 + 16 * i), b.getUint32(12 + 16 * i + 8));
  return out;
}

/** The glyph of each character in the font's format-4 Unicode subtable. */
function glyphsOf(b: DataView, cmap: number): (code: number) => number {
  let sub: number | undefined;
  for (let i = 0; i < b.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    const [platform, encoding] = [b.getUint16(at), b.getUint16(at + 2)];
    const offset = cmap + b.getUint32(at + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (b.getUint16(offset) === 4) sub = offset;
    }
  }
  if (sub === undefined) throw new Error('the chart font has no Unicode BMP cmap (format 4)');
  const segments = b.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  return (code) => {
    for (let s = 0; s < segments; s++) {
      if (b.getUint16(ends + 2 * s) < code) continue;
      const start = b.getUint16(starts + 2 * s);
      if (start > code) return 0;
      const delta = b.getInt16(deltas + 2 * s);
      const range = b.getUint16(ranges + 2 * s);
      if (range === 0) return (code + delta) & 0xffff;
      const glyph = b.getUint16(ranges + 2 * s + range + 2 * (code - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** A function giving the width of a text at a font size, in the same units as the size. */
export function textWidths(ttf: Uint8Array): (text: string, size: number) => number {
  const b = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const t = tables(b);
  const at = (name: string) => {
    const offset = t.get(name);
    if (offset === undefined) throw new Error(`the chart font has no ${name} table`);
    return offset;
  };
  const unitsPerEm = b.getUint16(at('head') + 18);
  const metrics = b.getUint16(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyph = glyphsOf(b, at('cmap'));
  const advance = (g: number) => b.getUint16(hmtx + 4 * Math.min(g, metrics - 1));
  return (text, size) => {
    let units = 0;
    for (const ch of text) units += advance(glyph(ch.codePointAt(0) ?? 0));
    return (units * size) / unitsPerEm;
  };
}

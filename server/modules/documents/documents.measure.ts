/**
 * The reviewer's ruler, for tests: reads a PDF with poppler (`pdftotext -bbox-layout` for text boxes,
 * `pdftohtml -xml` for font names, `pdftoppm` for ink) and reports, in millimetres from the page's
 * top-left corner, where the elements of a 公文 are. Nothing here knows how the PDF was made.
 */
import { execFileSync } from 'node:child_process';

const PT = 25.4 / 72;

/** A line of text as poppler sees it. */
export interface TextLine {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  words: { text: string; x0: number; x1: number; y0: number; y1: number }[];
}

const unescape = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** Every text line of every page (pages from 0). */
export function textLines(pdf: string): TextLine[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 << 20 }).toString();
  const out: TextLine[] = [];
  xml
    .split('<page ')
    .slice(1)
    .forEach((pageXml, page) => {
      for (const lm of pageXml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const words = [...lm[5]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
          text: unescape(w[5]!),
          x0: Number(w[1]) * PT,
          y0: Number(w[2]) * PT,
          x1: Number(w[3]) * PT,
          y1: Number(w[4]) * PT,
        }));
        out.push({
          page,
          text: words.map((w) => w.text).join(''),
          x0: Number(lm[1]) * PT,
          y0: Number(lm[2]) * PT,
          x1: Number(lm[3]) * PT,
          y1: Number(lm[4]) * PT,
          words,
        });
      }
    });
  return out;
}

/** Text fragments with the family of their font (subset prefix removed) and colour. */
export function fontedText(pdf: string): { page: number; text: string; family: string; color: string; top: number; left: number }[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', pdf], { maxBuffer: 64 << 20 }).toString();
  const fonts = new Map<string, { family: string; color: string }>();
  for (const f of xml.matchAll(/<fontspec id="(\d+)" size="[^"]*" family="([^"]*)" color="([^"]*)"\/>/g))
    fonts.set(f[1]!, { family: f[2]!.replace(/^[A-Z]{6}\+/, ''), color: f[3]!.toUpperCase() });
  const out: ReturnType<typeof fontedText> = [];
  xml
    .split('<page ')
    .slice(1)
    .forEach((pageXml, page) => {
      for (const t of pageXml.matchAll(/<text top="(\d+)" left="(\d+)" width="\d+" height="\d+" font="(\d+)">([\s\S]*?)<\/text>/g)) {
        const f = fonts.get(t[3]!) ?? { family: '', color: '' };
        out.push({ page, text: unescape(t[4]!.replace(/<[^>]+>/g, '')), family: f.family, color: f.color, top: Number(t[1]), left: Number(t[2]) });
      }
    });
  return out;
}

/** A page's pixels at `dpi` (RGB), with helpers in mm. */
export class Raster {
  readonly px: number;
  private constructor(
    readonly width: number,
    readonly height: number,
    private readonly data: Buffer,
    dpi: number,
    private readonly top = 0,
  ) {
    this.px = 25.4 / dpi;
  }

  /**
   * Renders page `page` (from 0) of the PDF, or only the band `from`–`to` mm of it. Poppler sets thin
   * fills on whole pixels: measure a rule's thickness at 600 dpi (±0.05 mm).
   */
  static of(pdf: string, page: number, dpi = 150, band?: { from: number; to: number }): Raster {
    const crop = band
      ? [
          '-x',
          '0',
          '-y',
          String(Math.floor((band.from / 25.4) * dpi)),
          '-W',
          String(Math.ceil((210 / 25.4) * dpi)),
          '-H',
          String(Math.ceil(((band.to - band.from) / 25.4) * dpi)),
        ]
      : [];
    const buf = execFileSync('pdftoppm', ['-r', String(dpi), ...crop, '-f', String(page + 1), '-l', String(page + 1), pdf], { maxBuffer: 256 << 20 });
    const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
    return new Raster(Number(head[1]), Number(head[2]), buf.subarray(head[0].length), dpi, band ? Math.floor((band.from / 25.4) * dpi) * (25.4 / dpi) : 0);
  }

  private rgb(x: number, y: number): [number, number, number] {
    const i = (y * this.width + x) * 3;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }
  /** Red ink (the 版头's red), 0–1. */
  redness(x: number, y: number): number {
    const [r, g, b] = this.rgb(x, y);
    return r > 150 && g < 120 && b < 120 ? 1 : r > 200 && r - g > 60 ? (r - g) / 255 : 0;
  }
  /** Dark (black) ink, 0–1. */
  darkness(x: number, y: number): number {
    const [r, g, b] = this.rgb(x, y);
    if (r - g > 60) return 0;
    return 1 - (r + g + b) / 765;
  }

  /**
   * Horizontal rules of `kind` ink spanning at least `minWidth` mm: top, bottom, thickness (ink
   * coverage summed over the rows, so anti-aliasing is counted), left and right edges.
   */
  rules(kind: 'red' | 'dark', minWidth: number): { top: number; bottom: number; thickness: number; left: number; right: number }[] {
    const ink = (x: number, y: number) => (kind === 'red' ? this.redness(x, y) : this.darkness(x, y));
    const rows: { y: number; cover: number; left: number; right: number }[] = [];
    for (let y = 0; y < this.height; y++) {
      let run = 0;
      let best = 0;
      let bestEnd = 0;
      let sum = 0;
      for (let x = 0; x < this.width; x++) {
        const v = ink(x, y);
        if (v > 0.1) {
          run++;
          sum += v;
          if (run > best) {
            best = run;
            bestEnd = x;
          }
        } else run = 0;
      }
      if (best * this.px >= minWidth)
        rows.push({ y: y + this.top / this.px, cover: sum / best, left: (bestEnd - best + 1) * this.px, right: (bestEnd + 1) * this.px });
    }
    const out: ReturnType<Raster['rules']> = [];
    for (const r of rows) {
      const last = out[out.length - 1];
      if (last && Math.abs(last.bottom - r.y * this.px) < this.px * 1.5) {
        last.bottom = (r.y + 1) * this.px;
        last.thickness += r.cover * this.px;
      } else out.push({ top: r.y * this.px, bottom: (r.y + 1) * this.px, thickness: r.cover * this.px, left: r.left, right: r.right });
    }
    return out;
  }

  /** The first and last rows (mm) with ink of `kind` inside a box (mm), or null. */
  inkRows(kind: 'red' | 'dark', box: { x0: number; x1: number; y0: number; y1: number }): { top: number; bottom: number; left: number; right: number } | null {
    const ink = (x: number, y: number) => (kind === 'red' ? this.redness(x, y) : this.darkness(x, y));
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    const [x0, x1] = [Math.max(0, Math.floor(box.x0 / this.px)), Math.min(this.width - 1, Math.ceil(box.x1 / this.px))];
    const [y0, y1] = [Math.max(0, Math.floor(box.y0 / this.px)), Math.min(this.height - 1, Math.ceil(box.y1 / this.px))];
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++)
        if (ink(x, y) > 0.35) {
          if (top < 0) top = y;
          bottom = y;
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
    return top < 0 ? null : { top: top * this.px, bottom: (bottom + 1) * this.px, left: left * this.px, right: (right + 1) * this.px };
  }
}

/**
 * 正文净化: a strict allow-list sanitiser for the rich-text body. Written here (no dependency):
 * tags outside the list are dropped (their text kept), dangerous containers are dropped with their
 * content, and no attribute survives except a checked `style="text-align:…"` on paragraphs.
 */

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ol', 'ul', 'li', 'h2', 'h3', 'h4', 'h5', 'blockquote']);
const VOID_TAGS = new Set(['br']);
/** Containers whose content is never text for a reader: dropped whole. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'svg',
  'math',
  'textarea',
  'select',
  'title',
  'head',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
]);
const ALIGN = /^\s*text-align\s*:\s*(left|right|center|justify)\s*;?\s*$/i;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

function escapeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '&') out += ENTITY.test(s.slice(i, i + 40)) ? '&' : '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else out += c;
  }
  return out;
}

/** Returns `html` reduced to the allow-list; always well-formed (open tags are closed). */
export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  const tagRe = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>/g;
  let last = 0;
  let dropUntil: string | null = null;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    const text = html.slice(last, m.index);
    last = tagRe.lastIndex;
    if (dropUntil === null && text) out.push(escapeText(text));
    const [, slash, rawName, attrs] = m;
    if (!rawName) continue; // comment, doctype, processing instruction
    const name = rawName.toLowerCase();
    if (dropUntil !== null) {
      if (slash && name === dropUntil) dropUntil = null;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!slash && !/\/\s*$/.test(attrs ?? '')) dropUntil = name;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    const tag = name === 'b' ? 'strong' : name === 'i' ? 'em' : name;
    if (VOID_TAGS.has(tag)) {
      if (!slash) out.push(`<${tag}>`);
      continue;
    }
    if (slash) {
      const at = open.lastIndexOf(tag);
      if (at === -1) continue;
      while (open.length > at) out.push(`</${open.pop()!}>`);
    } else {
      let attr = '';
      if (tag === 'p') {
        const style = /\sstyle\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs ?? '');
        const value = style ? (style[2] ?? style[3] ?? '') : '';
        const align = ALIGN.exec(value);
        if (align) attr = ` style="text-align:${align[1]!.toLowerCase()}"`;
      }
      out.push(`<${tag}${attr}>`);
      open.push(tag);
    }
  }
  if (dropUntil === null) out.push(escapeText(html.slice(last)));
  while (open.length) out.push(`</${open.pop()!}>`);
  return out.join('');
}

/** The plain text of sanitised HTML, paragraphs separated by newlines (for length checks, search, layout). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br>/g, '\n')
      .replace(/<\/(p|li|h[2-5]|blockquote)>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** A paragraph of the body: alignment, heading level (标题层次 1–4 from h2–h5, 0 for text) and its runs. */
export interface BodyParagraph {
  align: string | null;
  heading: boolean;
  level: 0 | 1 | 2 | 3 | 4;
  runs: { text: string; bold: boolean; italics: boolean; underline: boolean }[];
}

/** Paragraphs of sanitised HTML, each a list of runs with bold/italic/underline flags (for DOCX). */
export function htmlToParagraphs(html: string): BodyParagraph[] {
  const paras: BodyParagraph[] = [];
  let cur: BodyParagraph = { align: null, heading: false, level: 0, runs: [] };
  const flags = { strong: 0, em: 0, u: 0 };
  const flush = () => {
    if (cur.runs.some((r) => r.text.trim())) paras.push(cur);
    cur = { align: null, heading: false, level: 0, runs: [] };
  };
  const re = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[4] !== undefined) {
      const text = decodeEntities(m[4]);
      if (text) cur.runs.push({ text, bold: flags.strong > 0, italics: flags.em > 0, underline: flags.u > 0 });
      continue;
    }
    const [, slash, tag, attrs] = m;
    if (tag === 'strong' || tag === 'em' || tag === 'u') flags[tag] += slash ? -1 : 1;
    else if (tag === 'br' || ['p', 'li', 'h2', 'h3', 'h4', 'h5', 'blockquote'].includes(tag!)) {
      flush();
      if (!slash) {
        const a = /text-align:(\w+)/.exec(attrs ?? '');
        cur.align = a ? a[1]! : null;
        const h = /^h([2-5])$/.exec(tag!);
        cur.heading = !!h;
        cur.level = h ? ((Number(h[1]) - 1) as BodyParagraph['level']) : 0;
      }
    }
  }
  flush();
  return paras;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const l = e.toLowerCase();
    if (l.startsWith('#x')) return safeChar(Number.parseInt(l.slice(2), 16));
    if (l.startsWith('#')) return safeChar(Number.parseInt(l.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[l]!;
  });
}

function safeChar(n: number): string {
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '';
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

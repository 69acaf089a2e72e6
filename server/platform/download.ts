/**
 * The headers of every file the server hands out (exports, rendered 公文, 纪要, attachments): one
 * Content-Disposition with a meaningful ASCII `filename=` beside the RFC 5987 `filename*`, never
 * inline; and `Cache-Control: private, no-store`, since every download passes a need-to-know check and
 * many carry a 密级 (内部 and above must not stay in a shared or browser cache).
 */

const SAFE_ASCII = /^[\x20-\x7e]+$/;

/** RFC 5987 `value-chars`: UTF-8 percent-encoded, leaving only attr-char (encodeURIComponent leaves ' ( ) * too). */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The ASCII name for clients that ignore `filename*`: the name itself when it is plain ASCII, else
 * `prefix` plus the name's own ASCII words and digits, plus its extension — 督办台账-2026-12-03.xlsx
 * with prefix `ledger` gives `ledger-2026-12-03.xlsx`, 市府办〔2026〕3号.docx with `document-12` gives
 * `document-12-2026-3.docx`.
 */
export function asciiFileName(name: string, prefix: string): string {
  if (SAFE_ASCII.test(name) && !/["\\;%]/.test(name)) return name;
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  const stem = ext ? name.slice(0, -ext[0].length) : name;
  const words = stem.match(/[A-Za-z0-9]+/g) ?? [];
  const base = [prefix.replace(/[^A-Za-z0-9._-]+/g, '-'), ...words].filter(Boolean).join('-') || 'download';
  return `${base.slice(0, 120)}${ext ? `.${ext[1]!.toLowerCase()}` : ''}`;
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<name>` */
export function contentDisposition(name: string, asciiPrefix: string): string {
  return `attachment; filename="${asciiFileName(name, asciiPrefix)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** The headers of a download named `name` (see the module comment); `asciiPrefix` names it for ASCII-only clients. */
export function downloadHeaders(name: string, asciiPrefix: string): Record<string, string> {
  return {
    'content-disposition': contentDisposition(name, asciiPrefix),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
}

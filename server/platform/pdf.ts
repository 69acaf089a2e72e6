/**
 * PDF through headless Chromium (playwright-core, /usr/bin/chromium): one browser per process,
 * launched lazily on the first render and closed when the app closes. Used by 公文 (typeset
 * documents) and 保密档案 (卷宗 bundles).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/** Debian's texlive-lang-chinese: the Fandol family (仿宋, 楷体, 黑体, 宋体), OpenType with CFF outlines. */
export const FANDOL_DIR = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';

/**
 * The Fandol fonts converted to TrueType outlines by `scripts/fandol-ttf.py` (`npm run fonts`): Chromium's
 * PDF writer embeds CFF fonts as unnamed Type 3 fonts, TrueType ones as named subsets (FandolFang-Regular …).
 */
export const FANDOL_TTF_DIR = process.env.ZHONGSHU_FANDOL_TTF_DIR ?? '/usr/local/share/zhongshu/fonts';
const FANDOL_TTF = ['FandolFang-Regular', 'FandolSong-Regular', 'FandolHei-Regular', 'FandolKai-Regular'];

/** Whether the TrueType Fandol fonts are there (else the PDF falls back to the OpenType ones, embedded as Type 3). */
export const fandolTtfReady = (): boolean => FANDOL_TTF.every((f) => fs.existsSync(path.join(FANDOL_TTF_DIR, `${f}.ttf`)));

/** The standard's font names (and their Windows names) that the open Fandol fonts stand in for when an office lacks them. */
export const FONT_ALIASES: [string, string][] = [
  ['仿宋_GB2312', 'FandolFang'],
  ['仿宋', 'FandolFang'],
  ['FangSong', 'FandolFang'],
  ['方正小标宋简体', 'FandolSong'],
  ['黑体', 'FandolHei'],
  ['SimHei', 'FandolHei'],
  ['楷体_GB2312', 'FandolKai'],
  ['楷体', 'FandolKai'],
  ['KaiTi', 'FandolKai'],
  ['宋体', 'FandolSong'],
  ['SimSun', 'FandolSong'],
];

/**
 * A fontconfig file for the renderers (Chromium here, LibreOffice in the tests): the system's fonts, the
 * office's licensed fonts in `ZHONGSHU_FONT_DIR` (方正小标宋简体, 仿宋_GB2312 …), which the layout asks for first,
 * and the Fandol fonts (TrueType when converted) standing in for the standard's names the office lacks.
 * Directories that do not exist are skipped, so missing fonts fall back to the next in the stack.
 */
export function fontconfigFile(): string {
  const fandol = fandolTtfReady() ? FANDOL_TTF_DIR : FANDOL_DIR;
  const dirs = [process.env.ZHONGSHU_FONT_DIR, fandol].filter((d): d is string => !!d && fs.existsSync(d));
  // one cache directory per user, kept between launches (fontconfig scans the fonts once)
  const dir = path.join(os.tmpdir(), `zhongshu-fonts-${os.userInfo().uid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  // an alias only adds the Fandol font after the named one: a licensed 仿宋_GB2312 still comes first
  const aliases = FONT_ALIASES.map(([from, to]) => `<alias binding="same"><family>${esc(from)}</family><accept><family>${to}</family></accept></alias>`).join(
    '',
  );
  const xml = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${dirs.map((d) => `<dir>${esc(path.resolve(d))}</dir>`).join('')}<cachedir>${esc(path.join(dir, 'cache'))}</cachedir>${aliases}</fontconfig>\n`;
  const file = path.join(dir, `fonts-${process.pid}.conf`);
  fs.writeFileSync(file, xml);
  return file;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let browser: Promise<Browser> | null = null;

function executable(): string {
  return process.env.ZHONGSHU_CHROMIUM ?? '/usr/bin/chromium';
}

async function getBrowser(): Promise<Browser> {
  if (!browser) {
    // loaded on the first PDF, not at start-up (it is the largest module the server would load)
    browser = import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: executable(), headless: true, args: ARGS, env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() } }),
    );
    browser.catch(() => {
      browser = null;
    });
    const b = await browser;
    b.on('disconnected', () => {
      browser = null;
    });
  }
  return browser;
}

/** Renders layout HTML (typeset pages, page numbers included) to an A4 PDF. No network: the page may not load anything. */
export async function renderPdf(html: string): Promise<Buffer> {
  const b = await getBrowser();
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
    });
  } finally {
    await context.close();
  }
}

/** Closes the process's browser, if one was launched. */
export async function closePdfBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
}

/**
 * PDF through headless Chromium (playwright-core, /usr/bin/chromium): one browser per process,
 * launched lazily on the first render and closed when the app closes.
 */
import { chromium, type Browser } from 'playwright-core';
import { PDF_FOOTER } from './documents.layout.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let browser: Promise<Browser> | null = null;

function executable(): string {
  return process.env.ZHONGSHU_CHROMIUM ?? '/usr/bin/chromium';
}

async function getBrowser(): Promise<Browser> {
  if (!browser) {
    browser = chromium.launch({ executablePath: executable(), headless: true, args: ARGS });
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

/** Renders layout HTML to an A4 PDF with page numbers. No network: the page may not load anything. */
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
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: PDF_FOOTER,
      margin: { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' },
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

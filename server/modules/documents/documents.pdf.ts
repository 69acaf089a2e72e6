/** PDF of 公文: the Chromium renderer and its fonts live in the platform (`server/platform/pdf.ts`), shared with 保密档案. */
export { closePdfBrowser, FANDOL_DIR, FANDOL_TTF_DIR, FONT_ALIASES, fandolTtfReady, fontconfigFile, renderPdf } from '../../platform/pdf.js';

/** PDF of 公文: the Chromium renderer moved to the platform (`server/platform/pdf.ts`), shared with 保密档案. */
export { closePdfBrowser, FANDOL_DIR, fontconfigFile, renderPdf } from '../../platform/pdf.js';

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.js';
import { documentsModule } from './documents.module.js';

const ARTIFACTS = path.resolve('test-artifacts');

describeEachDialect(
  'documents: GB/T 9704 output',
  (env) => {
    it('renders a red-header PDF; page 1 becomes a PNG artifact', async () => {
      const u = env().demo.userByName;
      const units = env().demo.unitByCode;
      const c = await env().login('zhc_zheng');
      const body = [
        '为深入贯彻落实党中央关于精文简会的决策部署，进一步改进文风会风，切实为基层减负，经市委同意，现就有关事项通知如下。',
        '<strong>一、严格控制发文数量。</strong>凡国家法律法规和上级文件已作出明确规定、现行文件规定仍然适用的，一律不再制发文件。',
        '<strong>二、着力提高文件质量。</strong>坚持短、实、新，一般性文件不超过3000字，力戒空话套话。',
        '<strong>三、加强统筹管理。</strong>各单位要建立发文计划和配额管理制度，超配额发文须经审批并说明理由。',
      ]
        .map((p) => `<p>${p}</p>`)
        .join('');
      const id = (
        await c.post('/api/documents/outgoing', {
          docType: '通知',
          title: '关于进一步精简文件简报改进文风的通知',
          level: 1,
          urgency: 'urgent',
          copyNo: '18',
          orgCode: '青委办发',
          issuerOrgan: '中共青州市委办公厅文件',
          flow: 'down',
          signerId: u.zr_chen,
          mainTo: '各区委，市委各部委，市级国家机关各部门党组（党委）',
          cc: '市纪委监委，市人大常委会办公室，市政府办公室，市政协办公室',
          bodyHtml: body,
          attachmentsNote: '1. 2026年度发文计划表\n2. 精文简会工作台账',
          signature: '中共青州市委办公厅',
          docDate: '2026-03-02',
          printOrgan: '中共青州市委办公厅',
          printDate: '2026-03-02',
        })
      ).json.id;
      const docx = await env().app.inject({ method: 'GET', url: `/api/documents/${id}/render.docx`, headers: { cookie: c.cookie! } });
      expect(docx.statusCode).toBe(200);
      const pdf = await env().app.inject({ method: 'GET', url: `/api/documents/${id}/render.pdf`, headers: { cookie: c.cookie! } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const buf = pdf.rawPayload;
      expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const base = path.join(ARTIFACTS, `documents-layout-${env().dialect}`);
      fs.writeFileSync(`${base}.pdf`, buf);
      fs.writeFileSync(`${base}.docx`, docx.rawPayload);
      // the DOCX carries the national layout: A4, margins, 22 lines × 28 characters grid, red 标志, named fonts
      const xml = execFileSync('unzip', ['-p', `${base}.docx`, 'word/document.xml']).toString();
      expect(xml).toContain('w:pgSz w:w="11906" w:h="16838"');
      expect(xml).toMatch(/w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      expect(xml).toMatch(/w:docGrid w:type="lines" w:linePitch="579"/);
      expect(xml).toContain('w:color w:val="E60012"');
      expect(xml).toContain('方正小标宋简体');
      expect(xml).toContain('关于进一步精简文件简报改进文风的通知');
      expect(xml).toContain('抄送：');
      const footers = execFileSync('unzip', ['-l', `${base}.docx`]).toString();
      expect(footers).toMatch(/footer\d\.xml/);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
      expect(fs.statSync(`${base}.png`).size).toBeGreaterThan(5000);
      // the page is A4 portrait
      const info = execFileSync('pdfinfo', [`${base}.pdf`]).toString();
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      // a stranger may not render it
      expect((await (await env().login('dcs_zhang')).get(`/api/documents/${id}/render.pdf`)).status).toBe(404);
      expect((await env().anonymous().get(`/api/documents/${id}/render.pdf`)).status).toBe(401);
      void units;
    }, 120_000);

    it('prints the 附注 in one pair of （）, whatever brackets the drafter typed, in the DOCX and the PDF', async () => {
      const c = await env().login('zhc_zheng');
      const base = path.join(ARTIFACTS, `documents-note-${env().dialect}`);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      for (const [i, note] of ['（此件公开发布）', '(此件公开发布)', '此件公开发布'].entries()) {
        const res = await c.post('/api/documents/outgoing', {
          docType: '通知',
          title: `关于做好元旦春节期间值班工作的通知${i}`,
          level: 0,
          urgency: 'normal',
          orgCode: '青委办发',
          issuerOrgan: '中共青州市委办公厅文件',
          flow: 'down',
          signerId: env().demo.userByName.zr_chen,
          mainTo: '各区委办公室',
          bodyHtml: '<p>现就做好元旦春节期间值班工作通知如下。</p>',
          signature: '中共青州市委办公厅',
          docDate: '2026-12-31',
          note,
        });
        expect(res.status, res.body).toBe(201);
        const id = res.json.id as number;
        const docx = await env().app.inject({ method: 'GET', url: `/api/documents/${id}/render.docx`, headers: { cookie: c.cookie! } });
        fs.writeFileSync(`${base}.docx`, docx.rawPayload);
        const text = execFileSync('unzip', ['-p', `${base}.docx`, 'word/document.xml'])
          .toString()
          .replace(/<[^>]+>/g, '');
        expect(text).toContain('（此件公开发布）');
        expect(text).not.toMatch(/[（(]\s*[（(]/);
        expect(text).toContain('2026年12月31日');
        const pdf = await env().app.inject({ method: 'GET', url: `/api/documents/${id}/render.pdf`, headers: { cookie: c.cookie! } });
        fs.writeFileSync(`${base}.pdf`, pdf.rawPayload);
        const pdfText = execFileSync('pdftotext', ['-layout', `${base}.pdf`, '-']).toString();
        expect(pdfText).toContain('（此件公开发布）');
        expect(pdfText).not.toMatch(/[（(]\s*[（(]/);
      }
    }, 120_000);
  },
  { modules: [documentsModule] },
);

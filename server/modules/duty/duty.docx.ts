/** The printable roster (值班表) as DOCX: title, issuing office, one table row per date with both shifts. */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/** What the renderer needs. */
export interface RosterSource {
  issuer: string;
  month: string;
  rows: { date: string; shift: string; holiday: boolean; leader: string; staff: string }[];
}

const FONT = '仿宋_GB2312';
const WEEK = '日一二三四五六';

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: FONT, size: 24, bold })] })] });
}

/** Renders the month's roster. */
export async function renderRosterDocx(r: RosterSource): Promise<Buffer> {
  const [y, m] = r.month.split('-');
  const dates = [...new Set(r.rows.map((x) => x.date))];
  const header = new TableRow({
    tableHeader: true,
    children: ['日期', '星期', '带班领导（白班）', '值班人员（白班）', '带班领导（夜班）', '值班人员（夜班）'].map((t) => cell(t, true)),
  });
  const body = dates.map((date) => {
    const day = r.rows.find((x) => x.date === date && x.shift === 'day');
    const night = r.rows.find((x) => x.date === date && x.shift === 'night');
    const dow = WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    const off = (day ?? night)?.holiday ? '（休）' : '';
    return new TableRow({
      children: [
        cell(`${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`),
        cell(`${dow}${off}`),
        cell(day?.leader ?? ''),
        cell(day?.staff ?? ''),
        cell(night?.leader ?? ''),
        cell(night?.staff ?? ''),
      ],
    });
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: `${r.issuer}${y}年${Number(m)}月值班表`, font: '方正小标宋简体', size: 40 })],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] }),
          new Paragraph({
            spacing: { before: 200 },
            children: [new TextRun({ text: '值班电话：值班室　白班 8:00—18:00，夜班 18:00—次日 8:00', font: FONT, size: 24 })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

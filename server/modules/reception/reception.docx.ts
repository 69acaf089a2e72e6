/** The printable 接待方案 as DOCX: title, the delegation, guests, purpose, the itinerary table and the budget. */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { LEVELS } from '../../../common/enums.js';
import type { PlanView } from '../../../common/reception.js';

const FONT = '仿宋_GB2312';

function text(t: string, opts: { bold?: boolean; size?: number; font?: string } = {}): TextRun {
  return new TextRun({ text: t, font: opts.font ?? FONT, size: opts.size ?? 28, bold: opts.bold });
}

function cell(t: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [text(t, { bold, size: 21 })] })] });
}

function para(label: string, value: string): Paragraph {
  return new Paragraph({ spacing: { after: 80 }, children: [text(`${label}：`, { bold: true }), text(value)] });
}

/** China-time "M月D日 HH:mm" of an ISO instant. */
function when(isoText: string | null): string {
  if (!isoText) return '待定';
  const d = new Date(new Date(isoText).getTime() + 8 * 3600_000).toISOString();
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
}

/** Renders a plan with its itinerary. */
export async function renderPlanDocx(p: PlanView, issuer: string): Promise<Buffer> {
  const level = LEVELS.find((l) => l.value === p.level)?.zh ?? '';
  const header = new TableRow({
    tableHeader: true,
    children: ['时间', '类别', '事项', '地点', '责任处室', '责任人', '车辆', '标准', '预算（元）', '状态'].map((t) => cell(t, true)),
  });
  const rows = p.items.map(
    (i) =>
      new TableRow({
        children: [
          cell(when(i.startsAt)),
          cell(i.kindName.zh),
          cell(i.title),
          cell(i.place),
          cell(i.unit?.name ?? ''),
          cell(i.person?.name ?? ''),
          cell(i.vehicles),
          cell(i.standard),
          cell(String(i.budget)),
          cell(i.status === 'done' ? '已完成' : i.status === 'cancelled' ? `已取消（${i.cancelReason ?? ''}）` : ''),
        ],
      }),
  );
  const guests = p.guests.map((g) => (g.title ? `${g.name}（${g.title}）` : g.name)).join('、');
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.LEFT, children: [text(level, { bold: true, font: '黑体' })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [text(`${p.title}接待方案`, { font: '方正小标宋简体', size: 40 })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [text(`${p.number}　第${p.revision || 0}版`, { size: 24 })] }),
          para('来访单位', p.delegation),
          para('来访时间', `${p.arriveDate} 至 ${p.leaveDate}`),
          para('来宾', `${guests || '—'}（共${p.guestCount}人）`),
          para('来访事由', p.purpose),
          new Paragraph({ spacing: { before: 200, after: 100 }, children: [text('日程安排', { bold: true, font: '黑体' })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          para('预算合计（元）', String(p.budget)),
          ...(p.actualCost !== null ? [para('实际费用合计（元）', String(p.actualCost))] : []),
          ...(p.summary ? [para('接待工作小结', p.summary)] : []),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [text(issuer)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

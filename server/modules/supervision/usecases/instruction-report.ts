/**
 * 批示件办理情况报告 (DOCX): back to the instructing leader — the 批示, the item, and for each unit its status,
 * latest report, result and dates — set in the office's layout by the 公文 typesetter (GB/T 9704, as 纪要 are).
 * For the instructing leader, 督查室 of the item and the office director (cleared for its 密级); audited.
 */
import { LEVELS } from '../../../../common/enums.js';
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chineseDate, endSentence } from '../../../platform/chinese-text.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { renderDocx } from '../../documents/documents.docx.js';
import type { LayoutModel } from '../../documents/documents.layout.js';
import type { BodyParagraph } from '../../documents/documents.sanitize.js';
import { unitFullName } from '../repo/supervision.lists.js';
import { itemPolicy } from '../supervision.policy.js';
import * as repo from '../supervision.repo.js';
import { ITEM_STATES, TASK_STATES } from '../supervision.workflow.js';
import { loadItem, today } from './common.js';

const NUMS = '一二三四五六七八九十';
const cn = (n: number) => (n <= 10 ? NUMS[n - 1]! : String(n));
const para = (text: string, level: BodyParagraph['level'] = 0): BodyParagraph => ({
  align: null,
  heading: false,
  level,
  runs: [{ text, bold: false, italics: false, underline: false }],
});

/** The report's layout model (exported for the test of its wording). */
export async function instructionReportLayout(ctx: AppContext, itemId: number, item: Awaited<ReturnType<typeof loadItem>>['item']) {
  const db = ctx.db;
  const tasks = await repo.tasksOfItem(db, itemId);
  const reports = await repo.reportsOf(
    db,
    tasks.map((t) => t.id),
  );
  const units = await repo.unitNames(
    db,
    tasks.map((t) => t.unit_id),
  );
  const office = (await unitFullName(db, item.owner_unit_id)) ?? '督查室';
  const state = ITEM_STATES[item.status as keyof typeof ITEM_STATES]?.zh ?? item.status;
  const paragraphs: BodyParagraph[] = [
    para(
      `${item.instructed_at ? chineseDate(item.instructed_at.slice(0, 10)) : ''}，您对“${item.title}”作出批示：“${item.instruction_text ?? ''}”。我室即按批示要求立项督办（${item.number}），明确${units.get(item.lead_unit_id) ?? ''}牵头办理，时限为${chineseDate(item.deadline)}。现将办理情况报告如下：`,
    ),
    para('一、总体情况', 1),
    para(
      `该事项目前状态为“${state}”。共交办${tasks.length}个单位，已办结${tasks.filter((t) => t.status === 'accepted').length}个${
        item.status === 'withdrawn' ? `；事项已撤销，理由：${endSentence(item.withdraw_reason ?? '')}` : '。'
      }`,
    ),
    para('二、各单位办理情况', 1),
  ];
  tasks.forEach((t, k) => {
    const latest = reports.find((r) => r.task_id === t.id);
    const st = TASK_STATES[t.status as keyof typeof TASK_STATES]?.zh ?? t.status;
    const result =
      t.status === 'accepted' && t.accepted_at
        ? `已于${chineseDate(t.accepted_at)}审核办结${t.accepted_on_time === 0 ? '（逾期）' : '（按期）'}`
        : `状态为“${st}”`;
    paragraphs.push(para(`（${cn(k + 1)}）${units.get(t.unit_id) ?? ''}（${t.is_lead ? '牵头' : '协办'}）。时限${chineseDate(t.deadline)}，${result}。`));
    paragraphs.push(para(latest ? `最新反馈（${chineseDate(latest.submitted_at)}）：${endSentence(latest.content)}` : '该单位尚未反馈办理情况。'));
  });
  if (item.followup_note) paragraphs.push(para('三、结果回访', 1), para(`${endSentence(item.followup_note)}满意度${item.rating ?? '—'}分（满分5分）。`));
  paragraphs.push(para(item.status === 'closed' ? '该事项已办结销号。特此报告。' : '我室将继续跟踪督办，及时报告进展。特此报告。'));
  const level = LEVELS.find((l) => l.value === item.level);
  const model: LayoutModel = {
    copyNo: null,
    secrecy: item.level >= 2 ? (level?.zh ?? null) : item.level === 1 ? '内部' : null,
    urgency: null,
    issuer: office,
    docNo: item.number,
    upward: false,
    format: 'letter',
    signerName: null,
    title: `关于${item.title.replace(/^关于/, '')}批示办理情况的报告`,
    mainTo: `${item.instructed_by ?? '领导'}同志：`,
    paragraphs,
    attachments: [],
    signature: office,
    date: chineseDate(today(ctx)),
    note: null,
    cc: null,
    printOrgan: null,
    printDate: null,
  };
  return model;
}

/** The DOCX and its file name. */
export async function instructionReport(ctx: AppContext, actor: Actor, itemId: number): Promise<{ filename: string; buffer: Buffer }> {
  const { item } = await loadItem(ctx.db, actor, itemId, 'supervision.instruction_report');
  authorize(actor, itemPolicy.instructionReport, item, { action: 'supervision.instruction_report', targetType: 'supervision_item', targetId: itemId });
  if (!item.instruction_text) throw new RuleError('supervision.no_instruction');
  const buffer = await renderDocx(await instructionReportLayout(ctx, itemId, item));
  await ctx.audit.record(ctx.db, {
    actor,
    action: 'supervision.instruction_report',
    targetType: 'supervision_item',
    targetId: itemId,
    detail: { number: item.number },
  });
  return { filename: `批示件办理情况报告-${item.number}.docx`, buffer };
}

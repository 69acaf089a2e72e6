/** 收文办理: the side effects of each step of the incoming workflow (see `documents.workflow.ts`). */
import { grantShare } from '../../platform/authz.js';
import { chinaYear } from '../../platform/clock.js';
import { RuleError } from '../../platform/errors.js';
import { nextSerial } from '../../platform/numbering.js';
import { assertLevel, assertUnits, assertUsers } from './documents.checks.js';
import { HANDLING_DAYS } from './documents.constants.js';
import { documentCreator } from './documents.repo.js';
import type { StepContext, StepHandler } from './documents.steps.js';
import { unitClerks, unitIdByCode, unitShortName, userName } from './repo/documents.people.js';
import { coUnits, insertHandler, leadReply, unitsWithoutReply, upsertCirculation, writeReply } from './repo/documents.relations.js';

/** The unit code of the 督查室, which registers supervision items. */
const SUPERVISION_UNIT = 'supervision';

/** The default time limit of an urgency, from `today`. */
function limitFrom(s: StepContext, urgency: string): string {
  return s.ctx.calendar.addWorkingDays(s.today, HANDLING_DAYS[urgency as keyof typeof HANDLING_DAYS] ?? 10);
}

/** 签收: the time of receipt is recorded (the sender's 签收情况 shows it). */
const receive: StepHandler = async ({ at }, plan) => {
  plan.set.received_at = at;
};

/** 登记: the 收文号 of the unit and year, the registered fields, the time limit of the urgency. */
const register: StepHandler = async (s, plan) => {
  const { ctx, trx, actor, d, input } = s;
  const level = input.level ?? d.level;
  await assertLevel(ctx, trx, actor, level);
  const year = chinaYear(ctx.clock.now());
  const shortName = await unitShortName(trx, d.owner_unit_id);
  const n = await nextSerial(trx, `收文:${d.owner_unit_id}`, year);
  const urgency = input.urgency ?? d.urgency;
  Object.assign(plan.set, {
    receive_no: `${shortName}收〔${year}〕${n}号`,
    doc_type: input.docType ?? d.doc_type,
    source_organ: input.sourceOrgan ?? d.source_organ,
    original_no: input.originalNo ?? d.original_no,
    title: input.title ?? d.title,
    level,
    secrecy_term: input.secrecyTerm ?? d.secrecy_term,
    urgency,
    pages: input.pages ?? d.pages,
    copies: input.copies ?? d.copies,
    attachments_note: input.attachmentsNote ?? d.attachments_note,
    deadline: input.deadline ?? (urgency !== 'normal' ? limitFrom(s, urgency) : d.deadline),
  });
  plan.wfInput.docType = plan.set.doc_type;
  plan.wfInput.sourceOrgan = plan.set.source_organ;
};

/** 退回: the reason; the drafter of a distributed original hears of it. */
const returnStep: StepHandler = async ({ trx, d, input, msg }, plan) => {
  plan.set.return_reason = input.reason;
  plan.comment = input.reason ?? null;
  if (!d.source_document_id) return;
  const creator = await documentCreator(trx, d.source_document_id);
  if (creator !== undefined)
    plan.notify.push({
      userIds: [creator],
      message: { ...msg('documents.returned', `来文被退回：${d.title}`, input.reason ?? ''), link: `/documents/${d.source_document_id}` },
    });
};

/** 拟办: the proposal goes to the named leader. */
const propose: StepHandler = async ({ trx, d, input, msg }, plan) => {
  await assertUsers(trx, [input.leaderId!].filter(Boolean), d.level, ['leader', 'director']);
  plan.set.proposal = input.proposal;
  plan.set.leader_id = input.leaderId;
  plan.comment = input.proposal ?? null;
  if (input.leaderId) plan.notify.push({ userIds: [input.leaderId], message: msg('documents.to_instruct', `请批办：${d.title}`, input.proposal ?? '') });
};

/** 批办: lead and co units with the time limit; optionally 转督办 (the 督查室 gets need-to-know); automatic 催办 when urgent. */
const instruct: StepHandler = async (s, plan) => {
  const { ctx, trx, actor, d, input, msg, at, today } = s;
  const co = (input.coUnitIds ?? []).filter((u) => u !== input.leadUnitId);
  await assertUnits(trx, [input.leadUnitId!, ...co].filter(Boolean));
  const deadline = input.deadline ?? d.deadline ?? limitFrom(s, d.urgency);
  if (deadline < today) throw new RuleError('workflow.missing_fields', { fields: 'deadline' }, { fields: ['deadline'] });
  Object.assign(plan.set, { instruction: input.instruction, lead_unit_id: input.leadUnitId, deadline });
  plan.comment = input.instruction ?? null;
  let toSupervision: (() => Promise<void>) | null = null;
  if (input.toSupervision) {
    // the leader asks for 督办: the 督查室 gets need-to-know and a notice; it registers the item with 转督办
    const officeId = await unitIdByCode(trx, SUPERVISION_UNIT);
    if (officeId === undefined || !ctx.services.supervision) throw new RuleError('documents.supervision_unavailable');
    plan.wfInput.toSupervision = true;
    plan.comment = `${input.instruction ?? ''}（批示转督办）`;
    toSupervision = async () => {
      await grantShare(trx, { itemType: 'document', itemId: d.id, granteeType: 'unit', granteeId: officeId, grantedBy: actor.id, at: ctx.clock.now() });
      await ctx.notifier.send(
        trx,
        await unitClerks(trx, [officeId], d.level, ['staff', 'division_head', 'director']),
        msg('documents.to_supervision', `领导批示转督办：${d.title}`, input.instruction ?? ''),
      );
    };
  }
  plan.after = async () => {
    await insertHandler(trx, d.id, input.leadUnitId!, 'lead', at);
    for (const u of co) await insertHandler(trx, d.id, u, 'co', at);
    await toSupervision?.();
    // 特急/加急: automatic 催办 on the morning the time limit falls due and the morning after
    if (d.urgency === 'normal') return;
    for (const day of [deadline, ctx.calendar.addWorkingDays(deadline, 1)])
      await ctx.scheduler.schedule(trx, {
        kind: 'documents.auto_urge',
        targetType: 'document',
        targetId: d.id,
        dueAt: new Date(`${day}T01:00:00.000Z`),
        payload: { deadline },
      });
  };
  plan.notify.push({
    userIds: await unitClerks(trx, [input.leadUnitId!, ...co], d.level),
    message: msg('documents.assigned', `请承办：${d.title}`, `${actor.name}批示：${input.instruction}`),
  });
};

/** 传阅: each recipient gets the document to read, with the purpose. */
const circulate: StepHandler = async ({ trx, actor, d, input, msg, at }, plan) => {
  const users = await assertUsers(trx, input.userIds ?? [], d.level);
  plan.after = async () => {
    for (const u of users) await upsertCirculation(trx, d.id, u.id, input.purpose ?? null, actor.id, at);
  };
  plan.comment = `传阅：${users.map((u) => u.name).join('、')}${input.purpose ? `（${input.purpose}）` : ''}`;
  plan.notify.push({ userIds: users.map((u) => u.id), message: msg('documents.circulation', `请阅：${d.title}`, input.purpose ?? '') });
};

/** 催办: the units that have not replied are reminded. */
const urge: StepHandler = async ({ trx, d, input, msg }, plan) => {
  plan.notify.push({
    userIds: await unitClerks(trx, await unitsWithoutReply(trx, d.id), d.level),
    message: msg('documents.urge', `催办：${d.title}`, `时限 ${d.deadline ?? '—'}${input.comment ? `；${input.comment}` : ''}`),
  });
};

/**
 * 转督办: the leader's instruction becomes a supervision item in one step, linked both ways; taken
 * before the step's audit entry (the numbering lock comes before the audit lock, as everywhere).
 */
const toSupervision: StepHandler = async (s, plan) => {
  const { ctx, trx, actor, d, input, today } = s;
  const sup = ctx.services.supervision;
  if (!sup?.createFromSource) throw new RuleError('documents.supervision_unavailable');
  const co = await coUnits(trx, d.id);
  const deadline = input.deadline ?? (d.deadline && d.deadline >= today ? d.deadline : limitFrom(s, d.urgency));
  const created = await sup.createFromSource(trx, actor, {
    source: 'instruction',
    sourceType: 'document',
    sourceId: d.id,
    sourceRef: [d.receive_no, d.original_no, d.title].filter(Boolean).join(' '),
    title: d.title,
    requirement: d.instruction!,
    leadUnitId: d.lead_unit_id!,
    coUnitIds: co,
    ...(d.leader_id ? { responsibleLeaderId: d.leader_id } : {}),
    instructedBy: (await userName(trx, d.leader_id ?? 0)) ?? '',
    instructedAt: today,
    deadline,
    level: d.level,
  });
  plan.set.supervision_item_id = created.id;
  plan.comment = `转督办：${created.number}`;
};

/** 答复: the handling unit's reply; the owner unit's clerks hear of it. */
const reply: StepHandler = async ({ trx, actor, d, input, msg, at }, plan) => {
  plan.comment = input.reply ?? null;
  plan.after = async () => {
    if (!(await writeReply(trx, d.id, actor.unitId, input.reply!, actor.id, at))) throw new RuleError('documents.not_handler');
  };
  plan.notify.push({
    userIds: await unitClerks(trx, [d.owner_unit_id], d.level, ['staff', 'division_head']),
    message: msg('documents.replied', `${actor.unitName}已答复：${d.title}`, input.reply ?? ''),
  });
};

/** 办结: only after the lead unit replied. */
const complete: StepHandler = async ({ trx, d, input }, plan) => {
  if (!(await leadReply(trx, d.id))) throw new RuleError('documents.lead_reply_required');
  plan.set.result = input.result;
  plan.comment = input.result ?? null;
};

/** The handlers of the incoming steps (归档 is shared with outgoing, in `documents.steps.ts`). */
export const incomingSteps: Readonly<Record<string, StepHandler>> = {
  receive,
  register,
  return: returnStep,
  propose,
  instruct,
  circulate,
  urge,
  to_supervision: toSupervision,
  reply,
  complete,
};

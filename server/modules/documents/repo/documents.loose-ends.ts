/**
 * 件件有着落 of 公文: incoming documents not yet handled (签收, 登记 … 承办) and outgoing ones in
 * progress on the office board, with time limits from the module's own rules (签收时限 RECEIPT_DAYS
 * after 核发, 办理时限 HANDLING_DAYS by urgency until 批办 sets one), and the checker's findings.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { WorkCalendar } from '../../../platform/deadlines.js';
import { limitDate, mostUrgent } from '../../../platform/loose-ends.js';
import type { LooseEnd, LooseEndProblem, LooseEndsProvider, OpenItem } from '../../../platform/module.js';
import { HANDLING_DAYS, RECEIPT_DAYS } from '../documents.constants.js';
import { incomingWorkflow, outgoingWorkflow } from '../documents.workflow.js';
import { documentVisibleTo } from './documents.visibility.js';

/** Incoming states not yet handled to the end (办结 records the result). */
export const INCOMING_OPEN = ['to_receive', 'received', 'registered', 'to_propose', 'to_instruct', 'handling'] as const;
/** Outgoing states past the drafter's desk and not yet 核发 (a draft is the drafter's own working copy). */
export const OUTGOING_OPEN = ['reviewing', 'countersigning', 'to_sign', 'signed', 'checked', 'registered', 'printed'] as const;

/** The open documents as a WHERE: incoming or outgoing in their open states. */
const isOpen = sql<boolean>`((document.direction = 'in' AND document.status IN (${sql.join([...INCOMING_OPEN])})) OR (document.direction = 'out' AND document.status IN (${sql.join([...OUTGOING_OPEN])})))`;
/** The unit that owns the next step: the lead handling unit while 承办, else the registering or drafting unit. */
const ownerUnit = sql<
  number | null
>`CASE WHEN document.direction = 'in' AND document.status = 'handling' THEN document.lead_unit_id ELSE document.owner_unit_id END`;
/** The person the next step waits for: the leader to 批办, the signer to 签发, else the registering clerk or drafter (a 待签收 copy waits for its unit). */
const person = sql<
  number | null
>`CASE WHEN document.status = 'to_instruct' THEN document.leader_id WHEN document.status = 'to_sign' THEN document.signer_id WHEN document.status = 'to_receive' THEN NULL ELSE document.created_by END`;

interface Row {
  id: number;
  direction: string;
  status: string;
  urgency: string;
  deadline: string | null;
  created_at: string;
  received_at: string | null;
}

/** The time limit of an open document: its own, else the module's limit for the step it waits at. */
export function documentLimit(cal: WorkCalendar, r: Row): string | null {
  if (r.direction === 'in' && r.status === 'to_receive') return cal.addWorkingDays(limitDate(r.created_at)!, RECEIPT_DAYS);
  if (r.deadline) return limitDate(r.deadline);
  if (r.direction === 'in' && r.status !== 'handling')
    return cal.addWorkingDays(limitDate(r.received_at ?? r.created_at)!, HANDLING_DAYS[r.urgency as keyof typeof HANDLING_DAYS] ?? HANDLING_DAYS.normal);
  return null;
}

function stateName(r: Row): string {
  const states: Record<string, { zh: string }> = r.direction === 'in' ? incomingWorkflow.states : outgoingWorkflow.states;
  return states[r.status]?.zh ?? r.status;
}

async function openItems(cal: WorkCalendar, db: Db, actor: Actor, limit: number): Promise<OpenItem[]> {
  const rows = await db
    .selectFrom('document')
    .select(['id', 'title', 'direction', 'status', 'urgency', 'deadline', 'created_at', 'received_at'])
    .select([ownerUnit.as('owner_unit'), person.as('person')])
    .where(isOpen)
    .where(documentVisibleTo(actor))
    .orderBy(sql`COALESCE(document.deadline, document.created_at)`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return mostUrgent(
    rows.map((r) => ({
      module: 'documents',
      type: r.direction === 'in' ? 'incoming' : 'outgoing',
      id: r.id,
      title: r.title,
      ownerUnitId: r.owner_unit === null ? null : Number(r.owner_unit),
      ownerUserId: r.person === null ? null : Number(r.person),
      deadline: documentLimit(cal, r),
      status: stateName(r),
      link: `/documents/${r.id}`,
    })),
    limit,
  );
}

async function check(db: Db): Promise<LooseEnd[]> {
  const open = await db
    .selectFrom('document')
    .leftJoin('unit', (j) => j.on(sql<boolean>`${sql.ref('unit.id')} = ${ownerUnit}`))
    .leftJoin('user', (j) => j.on(sql<boolean>`${sql.ref('user.id')} = ${person}`))
    .select([
      'document.id',
      'document.direction',
      'document.status',
      'document.deadline',
      'document.receive_no',
      'document.doc_no',
      'unit.id as unit_id',
      'unit.active as unit_active',
      'user.id as user_id',
      'user.disabled as user_disabled',
    ])
    .where(isOpen)
    .where((eb) =>
      eb.or([
        eb('unit.id', 'is', null),
        eb('unit.active', '!=', 1),
        eb.and([eb('document.status', '!=', 'to_receive'), eb.or([eb('user.id', 'is', null), eb('user.disabled', '!=', 0)])]),
        eb.and([
          eb('document.direction', '=', 'in'),
          eb('document.status', '=', 'handling'),
          eb.or([eb('document.deadline', 'is', null), eb('document.deadline', '=', '')]),
        ]),
      ]),
    )
    .execute();
  const out: LooseEnd[] = [];
  const add = (r: { id: number; direction: string; receive_no: string | null; doc_no: string | null }, problem: LooseEndProblem) =>
    out.push({
      module: 'documents',
      type: r.direction === 'in' ? 'incoming' : 'outgoing',
      id: r.id,
      number: r.direction === 'in' ? r.receive_no : r.doc_no,
      problem,
    });
  for (const r of open) {
    if (r.unit_id === null || r.unit_active !== 1) add(r, 'no_owner_unit');
    if (r.status !== 'to_receive' && (r.user_id === null || r.user_disabled !== 0)) add(r, 'no_responsible_person');
    if (r.direction === 'in' && r.status === 'handling' && !r.deadline) add(r, 'no_time_limit');
  }
  // ended without a recorded outcome: 办结 without its result, 退回 without its reason, 核发 without its number
  const ended = await db
    .selectFrom('document')
    .select(['id', 'direction', 'receive_no', 'doc_no'])
    .where((eb) =>
      eb.or([
        eb.and([eb('direction', '=', 'in'), eb('status', 'in', ['done', 'archived']), eb.or([eb('result', 'is', null), eb('result', '=', '')])]),
        eb.and([eb('direction', '=', 'in'), eb('status', '=', 'returned'), eb.or([eb('return_reason', 'is', null), eb('return_reason', '=', '')])]),
        eb.and([eb('direction', '=', 'out'), eb('status', 'in', ['distributed', 'archived']), eb('doc_no', 'is', null)]),
      ]),
    )
    .execute();
  for (const r of ended) add(r, 'no_outcome');
  return out;
}

/** The documents module's registration on the 件件有着落 board (the calendar gives the module's working-day limits). */
export function documentsLooseEnds(cal: WorkCalendar): LooseEndsProvider {
  return { open: (db, actor, { limit }) => openItems(cal, db, actor, limit), check };
}

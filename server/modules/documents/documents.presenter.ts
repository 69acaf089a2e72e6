/** The API shapes of 公文: a document, a list row, a 工作台 row. */
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import type { LoadedDocument } from './documents.policy.js';
import type { listDocuments, pendingForWorkbench } from './documents.repo.js';
import { workflowOf } from './documents.workflow.js';

/** The API shape of a document. */
export function present(d: LoadedDocument, names: { units: Map<number, string>; users: Map<number, string> }) {
  const unitName = (id: number | null) => (id === null ? null : (names.units.get(id) ?? null));
  const userName = (id: number | null) => (id === null ? null : (names.users.get(id) ?? null));
  const mains = JSON.parse(d.main_unit_ids) as number[];
  const ccs = JSON.parse(d.cc_unit_ids) as number[];
  return {
    id: d.id,
    direction: d.direction,
    status: d.status,
    version: d.version,
    docType: d.doc_type,
    title: d.title,
    level: d.level,
    secrecyTerm: d.secrecy_term,
    urgency: d.urgency,
    ownerUnitId: d.owner_unit_id,
    ownerUnitName: unitName(d.owner_unit_id),
    createdBy: d.created_by,
    createdByName: userName(d.created_by),
    deadline: d.deadline,
    receiveNo: d.receive_no,
    sourceOrgan: d.source_organ,
    originalNo: d.original_no,
    pages: d.pages,
    copies: d.copies,
    receivedAt: d.received_at,
    attachmentsNote: d.attachments_note,
    returnReason: d.return_reason,
    proposal: d.proposal,
    leaderId: d.leader_id,
    leaderName: userName(d.leader_id),
    instruction: d.instruction,
    leadUnitId: d.lead_unit_id,
    leadUnitName: unitName(d.lead_unit_id),
    supervisionItemId: d.supervision_item_id,
    sourceDocumentId: d.source_document_id,
    result: d.result,
    orgCode: d.org_code,
    year: d.year,
    serial: d.serial,
    docNo: d.doc_no,
    issuerOrgan: d.issuer_organ,
    flow: d.flow,
    important: Boolean(d.important),
    jointUnitIds: d.jointUnitIds,
    jointUnitNames: d.jointUnitIds.map(unitName),
    signerId: d.signer_id,
    signerName: userName(d.signer_id),
    signedAt: d.signed_at,
    mainTo: d.main_to,
    cc: d.cc,
    bodyHtml: d.body_html,
    signature: d.signature,
    docDate: d.doc_date,
    note: d.note,
    printOrgan: d.print_organ,
    printDate: d.print_date,
    copyNo: d.copy_no,
    printCount: d.print_count,
    mainUnitIds: mains,
    mainUnitNames: mains.map(unitName),
    ccUnitIds: ccs,
    ccUnitNames: ccs.map(unitName),
    overQuotaApprovalId: d.over_quota_approval_id,
    retention: d.retention,
    archiveNo: d.archive_no,
    archivedAt: d.archived_at,
    circulating: d.circulationUserIds.length > 0,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}

type ListRow = Awaited<ReturnType<typeof listDocuments>>['rows'][number];

/** One row of a document list, with its light (红黄绿灯) and overdue flag. */
export function presentListItem(ctx: AppContext, r: ListRow, now: Date, today: string) {
  const wf = r.direction === 'in' ? workflowOf({ direction: 'in' }) : workflowOf({ direction: 'out' });
  const done = ['done', 'archived', 'returned', 'distributed'].includes(r.status);
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    statusName: wf.states[r.status]?.zh ?? r.status,
    docType: r.doc_type,
    title: r.title,
    level: r.level,
    urgency: r.urgency,
    docNo: r.doc_no,
    receiveNo: r.receive_no,
    originalNo: r.original_no,
    sourceOrgan: r.source_organ,
    ownerUnitName: r.owner_unit_name,
    leadUnitName: r.lead_unit_name,
    deadline: r.deadline,
    light: ctx.calendar.light(r.deadline, now, { done }),
    overdue: !done && r.deadline !== null && r.deadline < today,
    circulating: Number(r.unread_circulations) > 0,
    archiveNo: r.archive_no,
    retention: r.retention,
    archivedAt: r.archived_at,
    createdAt: r.created_at,
  };
}

/** One 工作台 row of a pending document. */
export function presentWorkbenchItem(ctx: AppContext, r: Awaited<ReturnType<typeof pendingForWorkbench>>[number], now: Date): WorkbenchItem {
  const wf = workflowOf({ direction: r.direction });
  return {
    module: 'documents',
    moduleName: { zh: '公文', en: 'Documents' },
    id: r.id,
    title: `${r.direction === 'in' ? '【收文】' : '【发文】'}${r.title}`,
    ownerUnit: r.short_name ?? '',
    deadline: r.deadline,
    light: ctx.calendar.light(r.deadline, now),
    status: wf.states[r.status]?.zh ?? r.status,
    link: `/documents/${r.id}`,
  };
}

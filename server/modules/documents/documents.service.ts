/**
 * 公文 use cases: 收文 and 发文 through their workflows, 发文字号 numbering, quotas and over-quota
 * approvals, 传阅 receipts, 归档, and the 工作台 contribution. Every write is one transaction:
 * policy → write → audit entry → notifications.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/client.js';
import { hasRole, isBusinessUser, SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import type { Job } from '../../platform/scheduler.js';
import { diffFields } from '../../platform/audit.js';
import { authorizeRead, grantShare } from '../../platform/authz.js';
import { chinaDate, chinaYear, iso } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, StaleVersionError } from '../../platform/errors.js';
import type { AppContext, WorkbenchItem } from '../../platform/module.js';
import { formatSerial, nextSerial } from '../../platform/numbering.js';
import { allowedTransitions } from '../../platform/workflow.js';
import type { SourceProgress, SupervisionContract } from '../supervision/supervision.contract.js';
import { DEFAULT_LENGTH_GUIDE, HANDLING_DAYS, PRINCIPAL_TYPES, RETENTION_NAMES, type DocType } from './documents.constants.js';
import { documentsPolicy, isOwnerClerk, type LoadedDocument } from './documents.policy.js';
import {
  countIssued,
  findQuota,
  insertDocument,
  insertStep,
  listDocuments,
  loadDocument,
  pendingCondition,
  planVsActual,
  type DocumentFilter,
  searchDocs,
} from './documents.repo.js';
import { htmlToText, sanitizeHtml } from './documents.sanitize.js';
import { INTERNAL_ACTIONS, workflowOf } from './documents.workflow.js';
import { documentVisibleTo } from './documents.policy.js';
import type { DraftInput, IncomingInput, TransitionInput, UpdateInput } from './documents.schema.js';

const LENGTH_GUIDE_KEY = 'documents.length_guide';
/** The unit code of the 督查室, which registers supervision items. */
const SUPERVISION_UNIT = 'supervision';
/** Fields whose change after 签发 is substantive and sends the document back to the signer. */
const SUBSTANTIVE: readonly (keyof UpdateInput)[] = [
  'title',
  'bodyHtml',
  'mainTo',
  'docType',
  'level',
  'secrecyTerm',
  'attachmentsNote',
  'signature',
  'flow',
  'issuerOrgan',
  'jointUnitIds',
  'important',
];

/** Column values of the editable outgoing fields. */
function draftColumns(i: Partial<DraftInput>) {
  const c: Record<string, unknown> = {};
  const map: [keyof DraftInput, string, ((v: never) => unknown)?][] = [
    ['docType', 'doc_type'],
    ['title', 'title'],
    ['level', 'level'],
    ['secrecyTerm', 'secrecy_term'],
    ['urgency', 'urgency'],
    ['copyNo', 'copy_no'],
    ['issuerOrgan', 'issuer_organ'],
    ['orgCode', 'org_code'],
    ['flow', 'flow'],
    ['important', 'important', ((v: boolean) => (v ? 1 : 0)) as never],
    ['jointUnitIds', 'joint_unit_ids', ((v: number[]) => JSON.stringify(v)) as never],
    ['signerId', 'signer_id'],
    ['mainTo', 'main_to'],
    ['cc', 'cc'],
    ['bodyHtml', 'body_html', ((v: string) => sanitizeHtml(v)) as never],
    ['attachmentsNote', 'attachments_note'],
    ['signature', 'signature'],
    ['docDate', 'doc_date'],
    ['note', 'note'],
    ['printOrgan', 'print_organ'],
    ['printDate', 'print_date'],
  ];
  for (const [k, col, f] of map) if (i[k] !== undefined) c[col] = f ? f(i[k] as never) : (i[k] ?? null);
  return c;
}

/** The 公文 service. */
export class DocumentsService {
  constructor(private readonly ctx: AppContext) {}

  private now() {
    return this.ctx.clock.now();
  }

  /** Re-indexes documents for the whole-system search, inside the write's transaction. */
  private async reindex(trx: Trx, ids: readonly number[]): Promise<void> {
    if (this.ctx.search) await this.ctx.search.indexMany(trx, await searchDocs(trx, ids));
  }

  private async load(db: Db | Trx, actor: Actor, id: number, action = 'documents.read'): Promise<LoadedDocument> {
    const d = await loadDocument(db, id, actor);
    authorizeRead(d !== undefined && documentsPolicy.read(actor, d), action, 'document', id);
    return d!;
  }

  private async assertLevel(db: Db | Trx, actor: Actor, level: number): Promise<void> {
    const { value } = await this.ctx.settings.get(db);
    if (!value.enabledLevels.includes(level)) throw new RuleError('level.not_enabled');
    if (level > actor.clearance) throw new RuleError('level.above_clearance');
  }

  private async assertUnits(db: Db | Trx, ids: readonly number[]): Promise<void> {
    if (!ids.length) return;
    const rows = await db
      .selectFrom('unit')
      .select('id')
      .where('id', 'in', [...new Set(ids)])
      .where('active', '=', 1)
      .execute();
    if (rows.length !== new Set(ids).size) throw new RuleError('documents.unknown_unit');
  }

  /** Users (enabled, with clearance ≥ level), optionally restricted to business roles; throws if any is missing. */
  private async assertUsers(db: Db | Trx, ids: readonly number[], level: number, roles?: string[]) {
    const uniq = [...new Set(ids)];
    if (!uniq.length) return [];
    let q = db
      .selectFrom('user')
      .select(['user.id', 'user.name', 'user.clearance', 'user.unit_id'])
      .where('user.id', 'in', uniq)
      .where('user.disabled', '=', 0);
    if (roles)
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('user_role').select('user_role.user_id').whereRef('user_role.user_id', '=', 'user.id').where('user_role.role', 'in', roles)),
      );
    const rows = await q.execute();
    if (rows.length !== uniq.length) throw new RuleError('documents.unknown_user');
    if (rows.some((r) => r.clearance < level)) throw new RuleError('documents.level_above_clearance');
    return rows;
  }

  /** The clerks (and heads) of units, cleared for `level`: who gets a unit's notifications. */
  /**
   * Job: automatic 催办 of an urgent incoming document still being handled — the units that have not
   * replied are reminded; recorded in the audit trail. Runs in the scheduler's claiming transaction.
   */
  async runAutoUrge(trx: Trx, job: Job): Promise<void> {
    const d = await trx.selectFrom('document').select(['id', 'title', 'status', 'level', 'deadline']).where('id', '=', job.targetId).executeTakeFirst();
    if (!d || d.status !== 'handling') return;
    const pending = await trx.selectFrom('document_handler').select('unit_id').where('document_id', '=', d.id).where('reply', 'is', null).execute();
    if (!pending.length) return;
    const overdue = d.deadline !== null && chinaDate(this.now()) > d.deadline;
    await this.ctx.notifier.send(
      trx,
      await this.unitClerks(
        trx,
        pending.map((p) => p.unit_id),
        d.level,
      ),
      {
        kind: 'documents.urge',
        title: `${overdue ? '超期催办' : '到期催办'}：${d.title}`,
        body: `办理时限 ${d.deadline ?? '—'}，请抓紧办理并答复`,
        link: `/documents/${d.id}`,
        level: d.level,
      },
    );
    await this.ctx.audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'documents.in.auto_urge',
      targetType: 'document',
      targetId: d.id,
      detail: { jobId: job.id, overdue, units: pending.map((p) => p.unit_id), deadline: d.deadline },
    });
  }

  private async unitClerks(
    db: Db | Trx,
    unitIds: readonly number[],
    level: number,
    roles = ['staff', 'division_head', 'director', 'liaison'],
  ): Promise<number[]> {
    if (!unitIds.length) return [];
    const rows = await db
      .selectFrom('user')
      .innerJoin('user_role', 'user_role.user_id', 'user.id')
      .select('user.id')
      .distinct()
      .where('user.unit_id', 'in', [...unitIds])
      .where('user.disabled', '=', 0)
      .where('user.clearance', '>=', level)
      .where('user_role.role', 'in', roles)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Checks the designated 签发人 against the type, flow and importance of the draft. */
  private async assertSigner(db: Db | Trx, signerId: number, d: { level: number; flow: string | null; important: boolean; docType: string }): Promise<void> {
    const [u] = await this.assertUsers(db, [signerId], d.level);
    const roles = (await db.selectFrom('user_role').select('role').where('user_id', '=', u!.id).execute()).map((r) => r.role);
    if (!roles.includes('leader') && !roles.includes('director')) throw new RuleError('documents.signer_not_allowed');
    if ((d.flow === 'up' || d.important || PRINCIPAL_TYPES.includes(d.docType)) && !roles.includes('leader'))
      throw new RuleError('documents.signer_not_principal', { type: d.docType });
  }

  // ---------------------------------------------------------------- incoming

  /** 签收: records a document received by the actor's unit (paper or other channel), with the time of receipt. */
  async receiveIncoming(actor: Actor, input: IncomingInput) {
    if (!documentsPolicy.receive(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.assertLevel(trx, actor, input.level);
      const at = iso(this.now());
      const id = await insertDocument(trx, {
        direction: 'in',
        status: 'received',
        doc_type: input.docType,
        title: input.title,
        level: input.level,
        secrecy_term: input.secrecyTerm ?? null,
        urgency: input.urgency,
        owner_unit_id: actor.unitId,
        created_by: actor.id,
        source_organ: input.sourceOrgan,
        original_no: input.originalNo ?? null,
        received_at: at,
        year: chinaYear(this.now()),
        created_at: at,
        updated_at: at,
      });
      await insertStep(trx, { documentId: id, action: 'receive', from: '', to: 'received', actor, comment: null, at });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'documents.in.receive',
        targetType: 'document',
        targetId: id,
        detail: { title: input.title, sourceOrgan: input.sourceOrgan },
      });
      await this.reindex(trx, [id]);
      return { id };
    });
  }

  // ---------------------------------------------------------------- outgoing

  /** Warnings of the length guide (文风 简短准) for a body of a type. */
  async lengthWarnings(db: Db | Trx, docType: string, bodyHtml: string): Promise<{ code: string; chars: number; limit: number }[]> {
    const guide = await this.lengthGuide(db);
    const chars = htmlToText(bodyHtml).replace(/\s/g, '').length;
    const limit = guide[docType];
    return limit !== undefined && chars > limit ? [{ code: 'documents.too_long', chars, limit }] : [];
  }

  /** 起草: a new outgoing draft; past the unit's quota it needs an approved over-quota request. */
  async draft(actor: Actor, input: DraftInput) {
    if (!documentsPolicy.draft(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.assertLevel(trx, actor, input.level);
      await this.assertUnits(trx, input.jointUnitIds ?? []);
      if (input.signerId)
        await this.assertSigner(trx, input.signerId, {
          level: input.level,
          flow: input.flow ?? null,
          important: input.important ?? false,
          docType: input.docType,
        });
      const year = chinaYear(this.now());
      const quota = await findQuota(trx, actor.unitId, input.docType, year);
      let approvalId: number | null = null;
      if (quota && (await countIssued(trx, actor.unitId, input.docType, year)) >= quota.quota) {
        if (!input.overQuotaApprovalId) throw new RuleError('documents.over_quota', { year, type: input.docType, quota: quota.quota });
        const ap = await trx.selectFrom('document_quota_approval').selectAll().where('id', '=', input.overQuotaApprovalId).executeTakeFirst();
        if (!ap || ap.status !== 'approved' || ap.unit_id !== actor.unitId || ap.doc_type !== input.docType || ap.year !== year)
          throw new RuleError('documents.approval_invalid');
        approvalId = ap.id;
      }
      const at = iso(this.now());
      const id = await insertDocument(trx, {
        direction: 'out',
        status: 'draft',
        owner_unit_id: actor.unitId,
        created_by: actor.id,
        year,
        over_quota_approval_id: approvalId,
        created_at: at,
        updated_at: at,
        ...(draftColumns(input) as { doc_type: string; title: string }),
      });
      if (approvalId) {
        const res = await trx
          .updateTable('document_quota_approval')
          .set({ status: 'used', document_id: id, updated_at: at, version: sql`version + 1` })
          .where('id', '=', approvalId)
          .where('status', '=', 'approved')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new RuleError('documents.approval_invalid');
      }
      await insertStep(trx, { documentId: id, action: 'draft', from: '', to: 'draft', actor, at });
      await this.ctx.audit.append(trx, {
        actor,
        action: 'documents.out.draft',
        targetType: 'document',
        targetId: id,
        detail: { title: input.title, docType: input.docType, overQuotaApprovalId: approvalId },
      });
      await this.reindex(trx, [id]);
      return { id, warnings: await this.lengthWarnings(trx, input.docType, input.bodyHtml ?? '') };
    });
  }

  /** Edits an outgoing document; a substantive change after 签发 sends it back to the signer (实质性修改退回签发人). */
  async update(actor: Actor, id: number, input: UpdateInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const d = await this.load(trx, actor, id);
      if (!documentsPolicy.edit(actor, d)) throw d.status === 'archived' ? new RuleError('documents.read_only') : new ForbiddenError();
      if (input.version !== d.version) throw new StaleVersionError({ current: d.version });
      const { version: _v, ...patch } = input;
      const level = patch.level ?? d.level;
      if (patch.level !== undefined) await this.assertLevel(trx, actor, patch.level);
      if (patch.jointUnitIds) await this.assertUnits(trx, patch.jointUnitIds);
      const signerId = patch.signerId ?? d.signer_id;
      if (
        signerId &&
        (patch.signerId !== undefined || patch.flow !== undefined || patch.important !== undefined || patch.docType !== undefined || patch.level !== undefined)
      )
        await this.assertSigner(trx, signerId, {
          level,
          flow: patch.flow ?? d.flow,
          important: patch.important ?? Boolean(d.important),
          docType: patch.docType ?? d.doc_type,
        });
      const cols = draftColumns(patch);
      const changes = diffFields(d as unknown as Record<string, unknown>, cols);
      if (!Object.keys(changes).length) return { id, version: d.version, status: d.status, warnings: [] };
      const substantive = SUBSTANTIVE.some((k) => (patch as Record<string, unknown>)[k] !== undefined && changes[draftColumnName(k)] !== undefined);
      const at = iso(this.now());
      if (['signed', 'checked'].includes(d.status) && substantive) {
        const r = await this.ctx.workflow.apply(trx, workflowOf(d), {
          row: d,
          action: 'resubmit',
          actor,
          version: input.version,
          input: {},
          set: { ...cols, signed_at: null },
          detail: { changed: Object.keys(changes) },
          notify: d.signer_id
            ? [
                {
                  userIds: [d.signer_id],
                  message: {
                    kind: 'documents.resign',
                    title: `公文签发后有实质性修改，请重新签发：${patch.title ?? d.title}`,
                    body: `修改内容：${Object.keys(changes).join('、')}`,
                    link: `/documents/${id}`,
                    level,
                  },
                },
              ]
            : [],
        });
        await insertStep(trx, {
          documentId: id,
          action: 'resubmit',
          from: r.from,
          to: r.status,
          actor,
          comment: `实质性修改：${Object.keys(changes).join('、')}`,
          at,
        });
        await this.reindex(trx, [id]);
        return {
          id,
          version: r.version,
          status: r.status,
          warnings: await this.lengthWarnings(trx, patch.docType ?? d.doc_type, (cols.body_html as string | undefined) ?? d.body_html),
        };
      }
      const res = await trx
        .updateTable('document')
        .set({ ...cols, updated_at: at, version: d.version + 1 } as never)
        .where('id', '=', id)
        .where('version', '=', d.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, { actor, action: 'documents.update', targetType: 'document', targetId: id, changes });
      await this.reindex(trx, [id]);
      return {
        id,
        version: d.version + 1,
        status: d.status,
        warnings: await this.lengthWarnings(trx, patch.docType ?? d.doc_type, (cols.body_html as string | undefined) ?? d.body_html),
      };
    });
  }

  // ---------------------------------------------------------------- transitions

  /** Applies a workflow step (incoming or outgoing) with its side effects, record, audit and notifications. */
  async transition(actor: Actor, id: number, action: string, input: TransitionInput) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const d = await this.load(trx, actor, id);
      const wf = workflowOf(d);
      if (INTERNAL_ACTIONS.includes(action) || !(action in wf.transitions))
        throw new RuleError('workflow.invalid_transition', { state: wf.states[d.status]?.zh ?? d.status, action });
      precheck(wf.transitions[action]!, wf.states, d, actor, action, input.version);
      const at = iso(this.now());
      const today = chinaDate(this.now());
      const set: Record<string, unknown> = {};
      const notify: { userIds: number[]; message: { kind: string; title: string; body: string; link: string; level: number } }[] = [];
      const msg = (kind: string, title: string, body = '') => ({ kind, title, body, link: `/documents/${id}`, level: d.level });
      const wfInput: Record<string, unknown> = { ...input };
      let comment: string | null = input.comment ?? null;
      let after: (() => Promise<void>) | null = null;

      const key = `${d.direction}.${action}`;
      switch (key) {
        case 'in.register': {
          const level = input.level ?? d.level;
          await this.assertLevel(trx, actor, level);
          const year = chinaYear(this.now());
          const unit = await trx.selectFrom('unit').select(['short_name']).where('id', '=', d.owner_unit_id).executeTakeFirstOrThrow();
          const n = await nextSerial(trx, `收文:${d.owner_unit_id}`, year);
          const urgency = input.urgency ?? d.urgency;
          Object.assign(set, {
            receive_no: `${unit.short_name}收〔${year}〕${n}号`,
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
            deadline:
              input.deadline ??
              (urgency !== 'normal' ? this.ctx.calendar.addWorkingDays(today, HANDLING_DAYS[urgency as keyof typeof HANDLING_DAYS] ?? 10) : d.deadline),
          });
          wfInput.docType = set.doc_type;
          wfInput.sourceOrgan = set.source_organ;
          break;
        }
        case 'in.return':
          set.return_reason = input.reason;
          comment = input.reason ?? null;
          if (d.source_document_id) {
            const src = await trx.selectFrom('document').select(['created_by']).where('id', '=', d.source_document_id).executeTakeFirst();
            if (src)
              notify.push({
                userIds: [src.created_by],
                message: { ...msg('documents.returned', `来文被退回：${d.title}`, input.reason ?? ''), link: `/documents/${d.source_document_id}` },
              });
          }
          break;
        case 'in.propose': {
          await this.assertUsers(trx, [input.leaderId!].filter(Boolean), d.level, ['leader', 'director']);
          set.proposal = input.proposal;
          set.leader_id = input.leaderId;
          comment = input.proposal ?? null;
          if (input.leaderId) notify.push({ userIds: [input.leaderId], message: msg('documents.to_instruct', `请批办：${d.title}`, input.proposal ?? '') });
          break;
        }
        case 'in.instruct': {
          const co = (input.coUnitIds ?? []).filter((u) => u !== input.leadUnitId);
          await this.assertUnits(trx, [input.leadUnitId!, ...co].filter(Boolean));
          const deadline =
            input.deadline ?? d.deadline ?? this.ctx.calendar.addWorkingDays(today, HANDLING_DAYS[d.urgency as keyof typeof HANDLING_DAYS] ?? 10);
          if (deadline < today) throw new RuleError('workflow.missing_fields', { fields: 'deadline' }, { fields: ['deadline'] });
          Object.assign(set, { instruction: input.instruction, lead_unit_id: input.leadUnitId, deadline });
          comment = input.instruction ?? null;
          if (input.toSupervision) {
            // the leader asks for 督办: the 督查室 gets need-to-know and a notice; it registers the item with 转督办
            const office = await trx.selectFrom('unit').select('id').where('code', '=', SUPERVISION_UNIT).executeTakeFirst();
            if (!office || !this.ctx.services.supervision) throw new RuleError('documents.supervision_unavailable');
            wfInput.toSupervision = true;
            comment = `${input.instruction ?? ''}（批示转督办）`;
            const officeId = office.id;
            after = async () => {
              await grantShare(trx, { itemType: 'document', itemId: id, granteeType: 'unit', granteeId: officeId, grantedBy: actor.id, at: this.now() });
              await this.ctx.notifier.send(
                trx,
                await this.unitClerks(trx, [officeId], d.level, ['staff', 'division_head', 'director']),
                msg('documents.to_supervision', `领导批示转督办：${d.title}`, input.instruction ?? ''),
              );
            };
          }
          const handlersAfter = after;
          after = async () => {
            for (const [unitId, role] of [[input.leadUnitId!, 'lead'] as const, ...co.map((u) => [u, 'co'] as const)]) {
              await trx
                .insertInto('document_handler')
                .values({ document_id: id, unit_id: unitId, role, reply: null, replied_by: null, replied_at: null, created_at: at, updated_at: at })
                .execute();
            }
            await handlersAfter?.();
            // 特急/加急: automatic 催办 on the morning the time limit falls due and the morning after
            if (d.urgency !== 'normal') {
              for (const day of [deadline, this.ctx.calendar.addWorkingDays(deadline, 1)]) {
                await this.ctx.scheduler.schedule(trx, {
                  kind: 'documents.auto_urge',
                  targetType: 'document',
                  targetId: id,
                  dueAt: new Date(`${day}T01:00:00.000Z`),
                  payload: { deadline },
                });
              }
            }
          };
          notify.push({
            userIds: await this.unitClerks(trx, [input.leadUnitId!, ...co], d.level),
            message: msg('documents.assigned', `请承办：${d.title}`, `${actor.name}批示：${input.instruction}`),
          });
          break;
        }
        case 'in.circulate': {
          const users = await this.assertUsers(trx, input.userIds ?? [], d.level);
          after = async () => {
            for (const u of users) {
              await trx
                .insertInto('document_circulation')
                .values({ document_id: id, user_id: u.id, purpose: input.purpose ?? null, sent_by: actor.id, read_at: null, created_at: at, updated_at: at })
                .onConflict((oc) =>
                  oc
                    .columns(['document_id', 'user_id'])
                    .doUpdateSet({ read_at: null, purpose: input.purpose ?? null, updated_at: at, version: sql`document_circulation.version + 1` }),
                )
                .execute();
            }
          };
          comment = `传阅：${users.map((u) => u.name).join('、')}${input.purpose ? `（${input.purpose}）` : ''}`;
          notify.push({ userIds: users.map((u) => u.id), message: msg('documents.circulation', `请阅：${d.title}`, input.purpose ?? '') });
          break;
        }
        case 'in.urge': {
          const pending = await trx.selectFrom('document_handler').select('unit_id').where('document_id', '=', id).where('reply', 'is', null).execute();
          notify.push({
            userIds: await this.unitClerks(
              trx,
              pending.map((p) => p.unit_id),
              d.level,
            ),
            message: msg('documents.urge', `催办：${d.title}`, `时限 ${d.deadline ?? '—'}${input.comment ? `；${input.comment}` : ''}`),
          });
          break;
        }
        case 'in.to_supervision': {
          // 转督办: the leader's instruction becomes a supervision item in one step, linked both ways;
          // taken before the step's audit entry (the numbering lock comes before the audit lock, as everywhere)
          const sup = this.ctx.services.supervision as SupervisionContract | undefined;
          if (!sup?.createFromSource) throw new RuleError('documents.supervision_unavailable');
          const co = (await trx.selectFrom('document_handler').select('unit_id').where('document_id', '=', id).where('role', '=', 'co').execute()).map(
            (h) => h.unit_id,
          );
          const deadline =
            input.deadline ??
            (d.deadline && d.deadline >= today
              ? d.deadline
              : this.ctx.calendar.addWorkingDays(today, HANDLING_DAYS[d.urgency as keyof typeof HANDLING_DAYS] ?? 10));
          const created = await sup.createFromSource(trx, actor, {
            source: 'instruction',
            sourceType: 'document',
            sourceId: id,
            sourceRef: [d.receive_no, d.original_no, d.title].filter(Boolean).join(' '),
            title: d.title,
            requirement: d.instruction!,
            leadUnitId: d.lead_unit_id!,
            coUnitIds: co,
            ...(d.leader_id ? { responsibleLeaderId: d.leader_id } : {}),
            instructedBy:
              (
                await trx
                  .selectFrom('user')
                  .select('name')
                  .where('id', '=', d.leader_id ?? 0)
                  .executeTakeFirst()
              )?.name ?? '',
            instructedAt: today,
            deadline,
            level: d.level,
          });
          set.supervision_item_id = created.id;
          comment = `转督办：${created.number}`;
          break;
        }
        case 'in.reply':
          comment = input.reply ?? null;
          after = async () => {
            const res = await trx
              .updateTable('document_handler')
              .set({ reply: input.reply!, replied_by: actor.id, replied_at: at, updated_at: at, version: sql`version + 1` })
              .where('document_id', '=', id)
              .where('unit_id', '=', actor.unitId)
              .executeTakeFirst();
            if (Number(res.numUpdatedRows) !== 1) throw new RuleError('documents.not_handler');
          };
          notify.push({
            userIds: await this.unitClerks(trx, [d.owner_unit_id], d.level, ['staff', 'division_head']),
            message: msg('documents.replied', `${actor.unitName}已答复：${d.title}`, input.reply ?? ''),
          });
          break;
        case 'in.complete': {
          const lead = await trx.selectFrom('document_handler').select('reply').where('document_id', '=', id).where('role', '=', 'lead').executeTakeFirst();
          if (!lead?.reply) throw new RuleError('documents.lead_reply_required');
          set.result = input.result;
          comment = input.result ?? null;
          break;
        }
        case 'in.archive':
        case 'out.archive': {
          const ret = input.retention!;
          const year = d.year ?? chinaYear(this.now());
          const unit = await trx.selectFrom('unit').select(['short_name']).where('id', '=', d.owner_unit_id).executeTakeFirstOrThrow();
          const organ = d.org_code ?? unit.short_name;
          if (ret) {
            const n = await nextSerial(trx, `归档:${organ}:${ret}`, year);
            Object.assign(set, {
              retention: ret,
              archive_no: `${year}-${organ}-${RETENTION_NAMES[ret as keyof typeof RETENTION_NAMES].code}-${String(n).padStart(4, '0')}`,
              archived_at: at,
            });
          }
          after = async () => {
            const archives = await trx.selectFrom('unit').select('id').where('code', '=', 'archives').executeTakeFirst();
            if (archives)
              await grantShare(trx, { itemType: 'document', itemId: id, granteeType: 'unit', granteeId: archives.id, grantedBy: actor.id, at: this.now() });
          };
          break;
        }
        case 'out.submit': {
          const reviewers = await this.assertUsers(trx, input.reviewerIds ?? [], d.level);
          const round =
            1 +
            Number(
              (
                await trx
                  .selectFrom('document_review')
                  .select((eb) => eb.fn.max('round').as('r'))
                  .where('document_id', '=', id)
                  .where('kind', '=', 'review')
                  .executeTakeFirst()
              )?.r ?? 0,
            );
          after = async () => {
            for (const r of reviewers)
              await trx
                .insertInto('document_review')
                .values({
                  document_id: id,
                  kind: 'review',
                  reviewer_id: r.id,
                  unit_id: r.unit_id,
                  round,
                  decision: 'pending',
                  comment: null,
                  decided_by: null,
                  decided_at: null,
                  created_at: at,
                  updated_at: at,
                })
                .execute();
          };
          notify.push({ userIds: reviewers.map((r) => r.id), message: msg('documents.review', `请审核：${d.title}`) });
          break;
        }
        case 'out.approve':
        case 'out.reject': {
          after = async () => {
            await trx
              .updateTable('document_review')
              .set({
                decision: action === 'approve' ? 'approved' : 'rejected',
                comment: input.comment ?? null,
                decided_by: actor.id,
                decided_at: at,
                updated_at: at,
                version: sql`version + 1`,
              })
              .where('document_id', '=', id)
              .where('kind', '=', 'review')
              .where('reviewer_id', '=', actor.id)
              .where('decision', '=', 'pending')
              .execute();
            if (action === 'reject')
              await trx
                .updateTable('document_review')
                .set({ decision: 'rejected', comment: '（随退回结束）', updated_at: at })
                .where('document_id', '=', id)
                .where('kind', '=', 'review')
                .where('decision', '=', 'pending')
                .execute();
            const status = (await trx.selectFrom('document').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
            if (status === 'countersigning') {
              for (const u of d.jointUnitIds)
                await trx
                  .insertInto('document_review')
                  .values({
                    document_id: id,
                    kind: 'countersign',
                    reviewer_id: null,
                    unit_id: u,
                    round: 1,
                    decision: 'pending',
                    comment: null,
                    decided_by: null,
                    decided_at: null,
                    created_at: at,
                    updated_at: at,
                  })
                  .execute();
              await this.ctx.notifier.send(
                trx,
                await this.unitClerks(trx, d.jointUnitIds, d.level, ['leader', 'director', 'division_head', 'liaison']),
                msg('documents.countersign', `请会签：${d.title}`),
              );
            } else if (status === 'to_sign' && d.signer_id) await this.ctx.notifier.send(trx, [d.signer_id], msg('documents.to_sign', `请签发：${d.title}`));
          };
          if (action === 'reject') notify.push({ userIds: [d.created_by], message: msg('documents.rejected', `审核退回：${d.title}`, input.comment ?? '') });
          break;
        }
        case 'out.countersign':
          after = async () => {
            await trx
              .updateTable('document_review')
              .set({ decision: 'approved', comment: input.comment ?? null, decided_by: actor.id, decided_at: at, updated_at: at, version: sql`version + 1` })
              .where('document_id', '=', id)
              .where('kind', '=', 'countersign')
              .where('unit_id', '=', actor.unitId)
              .where('decision', '=', 'pending')
              .execute();
            const status = (await trx.selectFrom('document').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
            if (status === 'to_sign' && d.signer_id) await this.ctx.notifier.send(trx, [d.signer_id], msg('documents.to_sign', `请签发：${d.title}`));
          };
          break;
        case 'out.sign':
          if (!d.signer_id) throw new RuleError('workflow.missing_fields', { fields: 'signerId' }, { fields: ['signerId'] });
          await this.assertSigner(trx, d.signer_id, { level: d.level, flow: d.flow, important: Boolean(d.important), docType: d.doc_type });
          Object.assign(set, { signed_at: at, doc_date: d.doc_date ?? today });
          notify.push({ userIds: [d.created_by], message: msg('documents.signed', `已签发：${d.title}`, input.comment ?? '') });
          break;
        case 'out.decline':
          notify.push({ userIds: [d.created_by], message: msg('documents.declined', `不予签发：${d.title}`, input.comment ?? '') });
          break;
        case 'out.register': {
          if (!d.org_code) throw new RuleError('documents.org_code_required');
          await this.assertUnits(trx, [...(input.mainUnitIds ?? []), ...(input.ccUnitIds ?? [])]);
          const year = chinaYear(this.now());
          // a refusal below rolls the transaction back and gives the number back: no gaps
          const n = await nextSerial(trx, d.org_code, year);
          Object.assign(set, { year, serial: n, doc_no: formatSerial(d.org_code, year, n) });
          Object.assign(set, {
            main_unit_ids: JSON.stringify(input.mainUnitIds ?? []),
            cc_unit_ids: JSON.stringify(input.ccUnitIds ?? []),
            print_count: input.printCount ?? null,
            print_date: d.print_date ?? today,
          });
          break;
        }
        case 'out.distribute': {
          const mains = JSON.parse(d.main_unit_ids) as number[];
          const ccs = JSON.parse(d.cc_unit_ids) as number[];
          const recipients = [...new Set([...mains, ...ccs])].filter((u) => u !== d.owner_unit_id);
          after = async () => {
            for (const unitId of recipients) {
              const copyId = await insertDocument(trx, {
                direction: 'in',
                status: 'to_receive',
                doc_type: d.doc_type,
                title: d.title,
                level: d.level,
                secrecy_term: d.secrecy_term,
                urgency: d.urgency,
                owner_unit_id: unitId,
                created_by: actor.id,
                source_organ: d.signature ?? d.print_organ ?? d.issuer_organ,
                original_no: d.doc_no,
                source_document_id: id,
                issuer_organ: d.issuer_organ,
                doc_no: null,
                org_code: null,
                flow: d.flow,
                main_to: d.main_to,
                cc: d.cc,
                body_html: d.body_html,
                attachments_note: d.attachments_note,
                signature: d.signature,
                doc_date: d.doc_date,
                note: d.note,
                print_organ: d.print_organ,
                print_date: d.print_date,
                year: d.year,
                created_at: at,
                updated_at: at,
              });
              await insertStep(trx, { documentId: copyId, action: 'distribute', from: '', to: 'to_receive', actor, comment: `${d.doc_no ?? ''} 核发`, at });
              await this.reindex(trx, [copyId]);
              await this.ctx.audit.append(trx, {
                actor,
                action: 'documents.in.delivered',
                targetType: 'document',
                targetId: copyId,
                detail: { sourceDocumentId: id, unitId },
              });
              await this.ctx.notifier.send(trx, await this.unitClerks(trx, [unitId], d.level, ['staff', 'division_head', 'director']), {
                kind: 'documents.delivered',
                title: `新来文待签收：${d.doc_no ?? ''} ${d.title}`,
                body: d.issuer_organ ?? '',
                link: `/documents/${copyId}`,
                level: d.level,
              });
            }
          };
          comment = `核发至 ${recipients.length} 个单位`;
          break;
        }
        default:
          break;
      }
      const detail: Record<string, unknown> = {};
      if (comment) detail.comment = comment;
      if (set.supervision_item_id) detail.supervisionItemId = set.supervision_item_id;
      const r = await this.ctx.workflow.apply(trx, wf, { row: d, action, actor, version: input.version, input: wfInput, set, notify, detail });
      if (after) await after();
      await insertStep(trx, { documentId: id, action, from: r.from, to: r.status, actor, comment, at });
      await this.reindex(trx, [id]);
      return { id, status: r.status, version: (await trx.selectFrom('document').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version };
    });
  }

  /** 传阅 read receipt: the recipient confirms reading (a recipient may read, not edit). */
  async markRead(actor: Actor, id: number) {
    return this.ctx.db.transaction().execute(async (trx) => {
      const d = await this.load(trx, actor, id);
      if (!documentsPolicy.markRead(actor, d)) throw new RuleError('documents.not_circulation_recipient');
      const at = iso(this.now());
      const res = await trx
        .updateTable('document_circulation')
        .set({ read_at: at, updated_at: at, version: sql`version + 1` })
        .where('document_id', '=', id)
        .where('user_id', '=', actor.id)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1)
        await this.ctx.audit.append(trx, { actor, action: 'documents.circulation_read', targetType: 'document', targetId: id });
      return { ok: true, readAt: at };
    });
  }

  // ---------------------------------------------------------------- reads

  /** The detail of a document with its records and the actor's allowed actions. */
  async detail(actor: Actor, id: number) {
    const db = this.ctx.db;
    const d = await this.load(db, actor, id);
    const [steps, handlers, circulations, reviews, attachments, names] = await Promise.all([
      db.selectFrom('document_step').selectAll().where('document_id', '=', id).orderBy('id').execute(),
      db
        .selectFrom('document_handler')
        .innerJoin('unit', 'unit.id', 'document_handler.unit_id')
        .select(['document_handler.unit_id', 'unit.short_name', 'document_handler.role', 'document_handler.reply', 'document_handler.replied_at'])
        .where('document_id', '=', id)
        .orderBy('document_handler.id')
        .execute(),
      db
        .selectFrom('document_circulation')
        .innerJoin('user', 'user.id', 'document_circulation.user_id')
        .select([
          'document_circulation.user_id',
          'user.name',
          'document_circulation.purpose',
          'document_circulation.read_at',
          'document_circulation.created_at',
        ])
        .where('document_id', '=', id)
        .orderBy('document_circulation.id')
        .execute(),
      db
        .selectFrom('document_review')
        .leftJoin('user', 'user.id', 'document_review.reviewer_id')
        .leftJoin('unit', 'unit.id', 'document_review.unit_id')
        .select([
          'document_review.id',
          'document_review.kind',
          'document_review.reviewer_id',
          'user.name as reviewer_name',
          'document_review.unit_id',
          'unit.short_name as unit_name',
          'document_review.round',
          'document_review.decision',
          'document_review.comment',
          'document_review.decided_at',
        ])
        .where('document_id', '=', id)
        .orderBy('document_review.id')
        .execute(),
      this.ctx.files.listFor(db, 'document', id),
      this.names(
        db,
        [d.owner_unit_id, d.lead_unit_id, ...d.jointUnitIds, ...(JSON.parse(d.main_unit_ids) as number[]), ...(JSON.parse(d.cc_unit_ids) as number[])],
        [d.created_by, d.signer_id, d.leader_id],
      ),
    ]);
    let supervision: SourceProgress[] | null = null;
    const sup = this.ctx.services.supervision as SupervisionContract | undefined;
    if (d.supervision_item_id && sup?.progressBySource) supervision = (await sup.progressBySource(db, actor, 'document', [id]))[id] ?? null;
    const wf = workflowOf(d);
    const actions = isBusinessUser(actor) ? allowedTransitions(wf, actor, d).filter((a) => !INTERNAL_ACTIONS.includes(a)) : [];
    return {
      document: present(d, names),
      statusName: wf.states[d.status] ?? { zh: d.status, en: d.status },
      steps: steps.map((s) => ({
        action: s.action,
        actionName: (wf.transitions[s.action]?.label ?? { zh: s.action === 'draft' ? '起草' : s.action === 'distribute' ? '来文送达' : s.action, en: s.action })
          .zh,
        from: s.from_status,
        to: s.to_status,
        actorName: s.actor_name,
        comment: s.comment,
        at: s.at,
      })),
      handlers: handlers.map((h) => ({ unitId: h.unit_id, unitName: h.short_name, role: h.role, reply: h.reply, repliedAt: h.replied_at })),
      circulations: circulations.map((c) => ({ userId: c.user_id, name: c.name, purpose: c.purpose, readAt: c.read_at, sentAt: c.created_at })),
      reviews: reviews.map((r) => ({
        id: r.id,
        kind: r.kind,
        reviewerId: r.reviewer_id,
        reviewerName: r.reviewer_name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        round: r.round,
        decision: r.decision,
        comment: r.comment,
        decidedAt: r.decided_at,
      })),
      attachments,
      supervision,
      actions,
      can: {
        edit: documentsPolicy.edit(actor, d),
        attach: documentsPolicy.attach(actor, d),
        markRead: documentsPolicy.markRead(actor, d) && circulations.some((c) => c.user_id === actor.id && !c.read_at),
        render: d.body_html.length > 0 || d.direction === 'out',
      },
      warnings: d.direction === 'out' ? await this.lengthWarnings(db, d.doc_type, d.body_html) : [],
    };
  }

  private async names(db: Db, unitIds: (number | null)[], userIds: (number | null)[]) {
    const u = [...new Set(unitIds.filter((x): x is number => x !== null))];
    const p = [...new Set(userIds.filter((x): x is number => x !== null))];
    const units = u.length ? await db.selectFrom('unit').select(['id', 'short_name']).where('id', 'in', u).execute() : [];
    const users = p.length ? await db.selectFrom('user').select(['id', 'name']).where('id', 'in', p).execute() : [];
    return { units: new Map(units.map((x) => [x.id, x.short_name])), users: new Map(users.map((x) => [x.id, x.name])) };
  }

  /** A loaded document for rendering (DOCX/PDF), after the read policy; the render is audited. */
  async forRender(actor: Actor, id: number): Promise<{ doc: LoadedDocument; signerName: string | null }> {
    const d = await this.load(this.ctx.db, actor, id, 'documents.render');
    await this.ctx.audit.record(this.ctx.db, { actor, action: 'documents.render', targetType: 'document', targetId: id, detail: { level: d.level } });
    const signer = d.signer_id ? await this.ctx.db.selectFrom('user').select('name').where('id', '=', d.signer_id).executeTakeFirst() : undefined;
    return { doc: d, signerName: signer?.name ?? null };
  }

  /** Records an export of the archive list (what and how many rows). */
  async recordExport(actor: Actor, rows: number): Promise<void> {
    await this.ctx.audit.record(this.ctx.db, { actor, action: 'documents.archive_export', targetType: 'document', detail: { rows } });
  }

  /** Lists visible documents by filters (lists, search, my pending, archive). */
  async list(actor: Actor, f: DocumentFilter, page: { page: number; pageSize: number }) {
    const now = this.now();
    const today = chinaDate(now);
    const { total, rows } = await listDocuments(this.ctx.db, actor, f, page, today);
    return {
      total,
      items: rows.map((r) => {
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
          light: this.ctx.calendar.light(r.deadline, now, { done }),
          overdue: !done && r.deadline !== null && r.deadline < today,
          circulating: Number(r.unread_circulations) > 0,
          archiveNo: r.archive_no,
          retention: r.retention,
          archivedAt: r.archived_at,
          createdAt: r.created_at,
        };
      }),
    };
  }

  /** 工作台: the actor's pending documents with lights. */
  async workbench(db: Db, actor: Actor, now: Date): Promise<WorkbenchItem[]> {
    const rows = await db
      .selectFrom('document')
      .leftJoin('unit', 'unit.id', 'document.owner_unit_id')
      .select([
        'document.id',
        'document.direction',
        'document.title',
        'document.status',
        'document.deadline',
        'unit.short_name',
        'document.doc_no',
        'document.receive_no',
      ])
      .where(documentVisibleTo(actor))
      .where(pendingCondition(actor))
      .orderBy('document.id', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => {
      const wf = workflowOf({ direction: r.direction });
      return {
        module: 'documents',
        moduleName: { zh: '公文', en: 'Documents' },
        id: r.id,
        title: `${r.direction === 'in' ? '【收文】' : '【发文】'}${r.title}`,
        ownerUnit: r.short_name ?? '',
        deadline: r.deadline,
        light: this.ctx.calendar.light(r.deadline, now),
        status: wf.states[r.status]?.zh ?? r.status,
        link: `/documents/${r.id}`,
      };
    });
  }

  // ---------------------------------------------------------------- quota

  /** The length guide (字数 by type). */
  async lengthGuide(db: Db | Trx = this.ctx.db): Promise<Record<string, number>> {
    const row = await db.selectFrom('setting').select('value').where('key', '=', LENGTH_GUIDE_KEY).executeTakeFirst();
    return { ...DEFAULT_LENGTH_GUIDE, ...(row ? (JSON.parse(row.value) as Record<string, number>) : {}) };
  }

  /** Sets the length guide (办公厅主任). */
  async setLengthGuide(actor: Actor, guide: Record<string, number>) {
    if (!documentsPolicy.manageQuota(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      const before = await this.lengthGuide(trx);
      const at = iso(this.now());
      await trx
        .insertInto('setting')
        .values({ key: LENGTH_GUIDE_KEY, value: JSON.stringify(guide), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(guide), updated_at: at }))
        .execute();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'documents.length_guide',
        targetType: 'setting',
        targetId: LENGTH_GUIDE_KEY,
        changes: diffFields(before, guide),
      });
      return this.lengthGuide(trx);
    });
  }

  /** Sets plans and quotas of units for a year (办公厅主任); one row per unit and type. */
  async setQuotas(actor: Actor, year: number, rows: { unitId: number; docType: DocType; plan: number; quota: number }[]) {
    if (!documentsPolicy.manageQuota(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.assertUnits(
        trx,
        rows.map((r) => r.unitId),
      );
      const at = iso(this.now());
      for (const r of rows) {
        await trx
          .insertInto('document_quota')
          .values({ unit_id: r.unitId, year, doc_type: r.docType, plan: r.plan, quota: r.quota, created_at: at, updated_at: at })
          .onConflict((oc) =>
            oc.columns(['unit_id', 'year', 'doc_type']).doUpdateSet({ plan: r.plan, quota: r.quota, updated_at: at, version: sql`document_quota.version + 1` }),
          )
          .execute();
      }
      await this.ctx.audit.append(trx, { actor, action: 'documents.quota_set', targetType: 'document_quota', targetId: year, detail: { rows } });
      return { ok: true, count: rows.length };
    });
  }

  /** Plan vs actual per unit and type, with the 精文简会 summary. Directors and leaders see every unit; others their own. */
  async quotaStats(actor: Actor, year: number) {
    if (!isBusinessUser(actor)) throw new ForbiddenError();
    const all = hasRole(actor, 'director', 'leader');
    const { quotas, actual } = await planVsActual(this.ctx.db, year, all ? null : [actor.unitId]);
    const key = (u: number, t: string) => `${u}|${t}`;
    const rows = new Map<string, { unitId: number; unitName: string; docType: string; plan: number; quota: number; actual: number; avgChars: number }>();
    for (const q of quotas)
      rows.set(key(q.unit_id, q.doc_type), {
        unitId: q.unit_id,
        unitName: q.unit_name,
        docType: q.doc_type,
        plan: q.plan,
        quota: q.quota,
        actual: 0,
        avgChars: 0,
      });
    for (const a of actual) {
      const r = rows.get(key(a.unit_id, a.doc_type)) ?? {
        unitId: a.unit_id,
        unitName: a.unit_name,
        docType: a.doc_type,
        plan: 0,
        quota: 0,
        actual: 0,
        avgChars: 0,
      };
      r.actual = Number(a.n);
      r.avgChars = Math.round(Number(a.chars ?? 0) / Math.max(1, Number(a.n)));
      rows.set(key(a.unit_id, a.doc_type), r);
    }
    const list = [...rows.values()].sort((x, y) => x.unitName.localeCompare(y.unitName, 'zh') || x.docType.localeCompare(y.docType, 'zh'));
    const plan = list.reduce((s, r) => s + r.plan, 0);
    const act = list.reduce((s, r) => s + r.actual, 0);
    const over = list.filter((r) => r.quota > 0 && r.actual > r.quota);
    const approvals = await this.ctx.db
      .selectFrom('document_quota_approval')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('year', '=', year)
      .where('status', 'in', ['approved', 'used'])
      .$if(!all, (q) => q.where('unit_id', '=', actor.unitId))
      .executeTakeFirstOrThrow();
    return {
      year,
      rows: list,
      summary: {
        plan,
        actual: act,
        ratio: plan ? Math.round((act / plan) * 1000) / 10 : null,
        overQuota: over.map((r) => ({ unitName: r.unitName, docType: r.docType, quota: r.quota, actual: r.actual })),
        approvedOverQuota: Number(approvals.n),
        text: `${year}年计划发文${plan}件，实际发文${act}件${plan ? `，为计划的${Math.round((act / plan) * 1000) / 10}%` : ''}；超配额${over.length}项，经审批超配额发文${Number(approvals.n)}件。`,
      },
    };
  }

  /** 超配额审批 request: a drafter asks to draft past the quota, with reasons. */
  async requestApproval(actor: Actor, input: { docType: DocType; title: string; reason: string }) {
    if (!documentsPolicy.draft(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      const at = iso(this.now());
      const year = chinaYear(this.now());
      const row = await trx
        .insertInto('document_quota_approval')
        .values({
          unit_id: actor.unitId,
          year,
          doc_type: input.docType,
          title: input.title,
          reason: input.reason,
          requested_by: actor.id,
          status: 'pending',
          decided_by: null,
          decision_comment: null,
          decided_at: null,
          document_id: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'documents.quota_request',
        targetType: 'document_quota_approval',
        targetId: row.id,
        detail: { ...input, year },
      });
      const dirs = await trx.selectFrom('user_role').select('user_id').where('role', '=', 'director').execute();
      await this.ctx.notifier.send(
        trx,
        dirs.map((x) => x.user_id),
        { kind: 'documents.quota_request', title: `超配额发文审批：${input.title}`, body: input.reason, link: '/documents/quota', level: 0 },
      );
      return { id: row.id, status: 'pending' };
    });
  }

  /** Decides an over-quota request (办公厅主任), with the decision's reasons. */
  async decideApproval(actor: Actor, id: number, input: { version: number; approve: boolean; comment: string }) {
    if (!documentsPolicy.manageQuota(actor)) throw new ForbiddenError();
    return this.ctx.db.transaction().execute(async (trx) => {
      const ap = await trx.selectFrom('document_quota_approval').selectAll().where('id', '=', id).executeTakeFirst();
      if (!ap) throw new NotFoundError();
      if (ap.version !== input.version) throw new StaleVersionError({ current: ap.version });
      if (ap.status !== 'pending') throw new RuleError('workflow.invalid_transition', { state: ap.status, action: input.approve ? '批准' : '不批准' });
      const at = iso(this.now());
      const status = input.approve ? 'approved' : 'rejected';
      const res = await trx
        .updateTable('document_quota_approval')
        .set({ status, decided_by: actor.id, decision_comment: input.comment, decided_at: at, updated_at: at, version: ap.version + 1 })
        .where('id', '=', id)
        .where('version', '=', ap.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new StaleVersionError();
      await this.ctx.audit.append(trx, {
        actor,
        action: 'documents.quota_decide',
        targetType: 'document_quota_approval',
        targetId: id,
        changes: { status: [ap.status, status] },
        detail: { comment: input.comment },
      });
      await this.ctx.notifier.send(trx, [ap.requested_by], {
        kind: 'documents.quota_decided',
        title: `超配额发文申请${input.approve ? '已批准' : '未批准'}：${ap.title}`,
        body: input.comment,
        link: '/documents/quota',
        level: 0,
      });
      return { id, status, version: ap.version + 1 };
    });
  }

  /** Over-quota requests: directors see all; others their unit's. */
  async listApprovals(actor: Actor, year: number) {
    if (!isBusinessUser(actor)) throw new ForbiddenError();
    const rows = await this.ctx.db
      .selectFrom('document_quota_approval')
      .innerJoin('unit', 'unit.id', 'document_quota_approval.unit_id')
      .innerJoin('user', 'user.id', 'document_quota_approval.requested_by')
      .select([
        'document_quota_approval.id',
        'unit.short_name as unit_name',
        'document_quota_approval.doc_type',
        'document_quota_approval.title',
        'document_quota_approval.reason',
        'document_quota_approval.status',
        'document_quota_approval.decision_comment',
        'document_quota_approval.decided_at',
        'document_quota_approval.version',
        'user.name as requester',
        'document_quota_approval.document_id',
      ])
      .where('document_quota_approval.year', '=', year)
      .$if(!documentsPolicy.manageQuota(actor), (q) => q.where('document_quota_approval.unit_id', '=', actor.unitId))
      .orderBy('document_quota_approval.id', 'desc')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        unitName: r.unit_name,
        docType: r.doc_type,
        title: r.title,
        reason: r.reason,
        status: r.status,
        decisionComment: r.decision_comment,
        decidedAt: r.decided_at,
        version: r.version,
        requester: r.requester,
        documentId: r.document_id,
      })),
    };
  }
}

const COLUMN_OF: Record<string, string> = {
  docType: 'doc_type',
  title: 'title',
  level: 'level',
  secrecyTerm: 'secrecy_term',
  urgency: 'urgency',
  copyNo: 'copy_no',
  issuerOrgan: 'issuer_organ',
  orgCode: 'org_code',
  flow: 'flow',
  important: 'important',
  jointUnitIds: 'joint_unit_ids',
  signerId: 'signer_id',
  mainTo: 'main_to',
  cc: 'cc',
  bodyHtml: 'body_html',
  attachmentsNote: 'attachments_note',
  signature: 'signature',
  docDate: 'doc_date',
  note: 'note',
  printOrgan: 'print_organ',
  printDate: 'print_date',
};

function draftColumnName(k: keyof UpdateInput): string {
  return COLUMN_OF[k] ?? String(k);
}

/** Mirrors the engine's checks before any side effect, so refusals come first and nothing is half-done. */
function precheck(
  t: { from: readonly string[]; allowed: (a: Actor, d: LoadedDocument) => boolean; label: { zh: string } },
  states: Record<string, { zh: string }>,
  d: LoadedDocument,
  actor: Actor,
  action: string,
  version: number,
): void {
  if (version !== d.version) throw new StaleVersionError({ current: d.version });
  if (!t.from.includes(d.status))
    throw new ConflictError('workflow.invalid_transition', { state: states[d.status]?.zh ?? d.status, action: t.label.zh ?? action });
  if (!t.allowed(actor, d)) throw new ForbiddenError();
}

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

export { isOwnerClerk };

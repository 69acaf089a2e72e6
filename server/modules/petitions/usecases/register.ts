/** 登记: registers a letter, visit, call or online message; flags and links 重复信访. */
import type { Actor } from '../../../platform/actor.js';
import { authorize } from '../../../platform/authz.js';
import { chinaYear, iso } from '../../../platform/clock.js';
import { RuleError } from '../../../platform/errors.js';
import type { AppContext } from '../../../platform/module.js';
import { formatSerial, nextSerial } from '../../../platform/numbering.js';
import { similarity } from '../petitions.mask.js';
import { officeActions } from '../petitions.policy.js';
import * as repo from '../petitions.repo.js';
import { config, presentCase, reindex } from './common.js';

/** What a registration carries. */
export interface RegisterInput {
  channel: 'letter' | 'visit' | 'phone' | 'online';
  petitioner: { name: string; idNo?: string | null; phone?: string | null; address?: string | null };
  subject: string;
  content: string;
  category: string;
  place: string;
}

const ID_NO = /^\d{17}[\dXx]$/;

/** Registers a case (audited as `petitions.register`: field names only, the personal data hashed by the trail). */
export async function register(ctx: AppContext, actor: Actor, input: RegisterInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const { cfg } = await config(trx);
    authorize(actor, officeActions.register, cfg, { action: 'petitions.register', targetType: 'petition_case' });
    const idNo = input.petitioner.idNo?.trim().toUpperCase() || null;
    const phone = input.petitioner.phone?.trim() || null;
    if (!idNo && !phone) throw new RuleError('petitions.contact_required');
    if (idNo && !ID_NO.test(idNo)) throw new RuleError('petitions.bad_id_no');
    const now = ctx.clock.now();
    const name = input.petitioner.name.trim();
    const since = iso(new Date(now.getTime() - cfg.repeatDays * 86_400_000));
    const earlier = await repo.samePetitioner(trx, { idNo, name, phone, since });
    const match = earlier.find((e) => similarity(e.subject, input.subject) >= cfg.repeatSimilarity);
    const repeatOf = match ? (match.repeat_of ?? match.id) : null;
    const year = chinaYear(now);
    const number = formatSerial('信字', year, await nextSerial(trx, 'petitions', year));
    const at = iso(now);
    const id = await repo.insertCase(trx, {
      number,
      channel: input.channel,
      petitioner_name: name,
      petitioner_id_no: idNo,
      petitioner_phone: phone,
      petitioner_address: input.petitioner.address?.trim() || null,
      subject: input.subject.trim(),
      content: input.content.trim(),
      category: input.category.trim(),
      place: input.place.trim(),
      level: 0,
      status: 'registered',
      repeat_of: repeatOf,
      unit_id: null,
      handler_id: null,
      transferred_at: null,
      accept_due: null,
      accepted_at: null,
      handle_due: null,
      unit_reply: null,
      replied_at: null,
      answer: null,
      answered_at: null,
      satisfaction: null,
      follow_up: null,
      followed_up_at: null,
      outcome: null,
      closed_at: null,
      supervised_count: 0,
      last_supervised_at: null,
      registered_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit.append(trx, {
      actor,
      action: 'petitions.register',
      targetType: 'petition_case',
      targetId: id,
      changes: { status: [null, 'registered'], channel: [null, input.channel], repeat_of: [null, repeatOf] },
    });
    const row = (await repo.findCase(trx, id))!;
    await reindex(ctx, trx, cfg, row);
    return { ...(await presentCase(ctx, trx, actor, cfg, row)), repeatFlagged: repeatOf !== null };
  });
}

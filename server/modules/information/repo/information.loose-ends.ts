/**
 * 件件有着落 of the 信息 module, the SQL: events known to the office still awaiting their unit's report
 * (约报), reports waiting for 采编, 批示 not yet turned into a 批示件, and the rows the checker looks at.
 */
import type { Db, Trx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { eventsVisibleTo, infoVisibleTo } from '../information.repo.js';

type H = Db | Trx;

/** Reports waiting for 采编 (报送, or taken and being edited). */
export const INTAKE_STATES = ['submitted', 'taken'];

function events(db: H) {
  return db
    .selectFrom('info_event')
    .innerJoin('unit', 'unit.id', 'info_event.unit_id')
    .select([
      'info_event.id',
      'info_event.title',
      'info_event.level',
      'info_event.unit_id',
      'info_event.due_at',
      'info_event.status',
      'unit.active as unit_active',
    ]);
}

/** Events awaiting their unit's report that the actor may see, earliest time limit first. */
export function openEvents(db: H, actor: Actor, limit: number) {
  return events(db)
    .where(eventsVisibleTo(actor))
    .where('info_event.status', '=', 'open')
    .orderBy('info_event.due_at')
    .orderBy('info_event.id')
    .limit(limit)
    .execute();
}

/** Every event awaiting its unit's report (for the checker). */
export function allOpenEvents(db: H) {
  return events(db).where('info_event.status', '=', 'open').orderBy('info_event.id').execute();
}

/** Events ended without their outcome: reported with no report linked, or 漏报 with no time recorded. */
export function eventsEndedWithoutOutcome(db: H) {
  return db
    .selectFrom('info_event')
    .select(['id'])
    .where((eb) =>
      eb.or([eb.and([eb('status', '=', 'reported'), eb('report_id', 'is', null)]), eb.and([eb('status', '=', 'missed'), eb('missed_at', 'is', null)])]),
    )
    .orderBy('id')
    .execute();
}

function intake(db: H) {
  return db
    .selectFrom('info_item')
    .leftJoin('user as editor', 'editor.id', 'info_item.editor_id')
    .select([
      'info_item.id',
      'info_item.title',
      'info_item.level',
      'info_item.status',
      'info_item.reported_at',
      'info_item.editor_id',
      'editor.disabled as editor_disabled',
    ])
    .where('info_item.status', 'in', INTAKE_STATES);
}

/** Reports waiting for 采编 that the actor may see, oldest first. */
export function openIntake(db: H, actor: Actor, limit: number) {
  return intake(db).where(infoVisibleTo(actor)).orderBy('info_item.reported_at').orderBy('info_item.id').limit(limit).execute();
}

/** Every report waiting for 采编 (for the checker). */
export function allIntake(db: H) {
  return intake(db).orderBy('info_item.id').execute();
}

/** Reports ended without their outcome: returned without a reason, merged into nothing, adopted at no level. */
export function itemsEndedWithoutOutcome(db: H) {
  return db
    .selectFrom('info_item')
    .select(['id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'returned'), eb.or([eb('return_reason', 'is', null), eb('return_reason', '=', '')])]),
        eb.and([eb('status', '=', 'merged'), eb('merged_into_id', 'is', null)]),
        eb.and([eb('status', '=', 'adopted'), eb('adopt_level', 'is', null)]),
      ]),
    )
    .orderBy('id')
    .execute();
}

function unconverted(db: H) {
  return db
    .selectFrom('info_instruction')
    .innerJoin('info_item', 'info_item.id', 'info_instruction.item_id')
    .select(['info_instruction.id', 'info_instruction.item_id', 'info_instruction.created_at', 'info_item.title', 'info_item.level'])
    .where('info_instruction.supervision_item_id', 'is', null);
}

/** 批示 not yet turned into a 批示件, on items the actor may see, oldest first. */
export function openInstructions(db: H, actor: Actor, limit: number) {
  return unconverted(db).where(infoVisibleTo(actor)).orderBy('info_instruction.created_at').orderBy('info_instruction.id').limit(limit).execute();
}

/** Every 批示 not yet turned into a 批示件 (for the checker). */
export function allOpenInstructions(db: H) {
  return unconverted(db).orderBy('info_instruction.id').execute();
}

/** A unit by code, with whether it is active. */
export function unitByCode(db: H, code: string) {
  return db.selectFrom('unit').select(['id', 'active']).where('code', '=', code).executeTakeFirst();
}

/** 信访: the 督查督办 item a late case was handed to (专项督查, source 'instruction'). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('petition_case').addColumn('supervision_item_id', 'integer').execute();
  await db.schema.alterTable('petition_case').addColumn('supervision_number', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('petition_case').dropColumn('supervision_number').execute();
  await db.schema.alterTable('petition_case').dropColumn('supervision_item_id').execute();
}

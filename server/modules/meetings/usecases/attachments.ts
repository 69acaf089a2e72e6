/** The attachment owners of 会议 (topics and materials): who may read and attach files, and their 密级 for the download audit. */
import type { Actor } from '../../../platform/actor.js';
import { meetingsPolicy } from '../meetings.policy.js';
import * as repo from '../meetings.repo.js';
import { config, meetingFacts, topicFacts, type H } from './common.js';

/** May the actor read a topic (and its attachments)? */
export async function canReadTopic(db: H, actor: Actor, id: number): Promise<boolean> {
  const { cfg } = await config(db);
  const row = await repo.findTopic(db, id);
  return row !== undefined && meetingsPolicy.readTopic(actor, await topicFacts(db, actor, cfg, row));
}

/** May the actor attach to a topic: the proposer side, the office, or a concerned department (evidence)? */
export async function canAttachTopic(db: H, actor: Actor, id: number): Promise<boolean> {
  const { cfg } = await config(db);
  const row = await repo.findTopic(db, id);
  return row !== undefined && meetingsPolicy.attachToTopic(actor, await topicFacts(db, actor, cfg, row));
}

/** A material with its meeting's facts, or undefined. */
async function materialFacts(db: H, actor: Actor, id: number) {
  const mat = await repo.findMaterial(db, id);
  const m = mat ? await repo.findMeeting(db, mat.meeting_id) : undefined;
  if (!mat || !m) return undefined;
  const { cfg } = await config(db);
  return { ...(await meetingFacts(db, actor, cfg, m)), material: mat };
}

/** May the actor read a material (attendees and the office, by 密级)? */
export async function canReadMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
  const f = await materialFacts(db, actor, id);
  return f !== undefined && meetingsPolicy.readMaterial(actor, f);
}

/** May the actor upload a material's file (the office, while the meeting is open)? */
export async function canAttachMaterial(db: H, actor: Actor, id: number): Promise<boolean> {
  const f = await materialFacts(db, actor, id);
  return f !== undefined && meetingsPolicy.attachToMaterial(actor, f);
}

/** The level of a material (for download audit). */
export async function materialLevel(db: H, id: number): Promise<number> {
  return (await repo.findMaterial(db, id))?.level ?? 0;
}

/** The level of a topic (for download audit). */
export async function topicLevel(db: H, id: number): Promise<number> {
  return (await repo.findTopic(db, id))?.level ?? 0;
}

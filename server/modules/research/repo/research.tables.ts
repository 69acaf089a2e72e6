/** Table types of 调研 (research), added to the platform's `DB` interface. */
import type { Generated } from 'kysely';

/** 调研联席会议: one decision on the year's proposals. */
export interface ResearchDecisionTable {
  id: Generated<number>;
  year: number;
  held_on: string;
  attendees: string;
  /** A meeting of the meetings module or a free reference (文号、会议名称). */
  meeting_ref: string;
  recorded_by: number;
  created_at: string;
}

/** 调研选题: proposed by a division or a unit. */
export interface ResearchProposalTable {
  id: Generated<number>;
  year: number;
  title: string;
  background: string;
  level: number;
  /** The proposing unit. */
  unit_id: number;
  proposed_by: number;
  /** 建议牵头单位. */
  lead_unit_id: number;
  /** proposed | accepted | declined */
  status: string;
  decline_reason: string | null;
  decision_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 课题: an accepted proposal, led by a division, with a team from several units. */
export interface ResearchTopicTable {
  id: Generated<number>;
  number: string;
  year: number;
  proposal_id: number | null;
  decision_id: number | null;
  title: string;
  background: string;
  level: number;
  proposer_unit_id: number | null;
  lead_unit_id: number;
  /** 课题负责人. */
  leader_id: number | null;
  start_date: string;
  end_date: string;
  /** in_progress | concluded */
  status: string;
  report_summary: string | null;
  concluded_by: number | null;
  concluded_at: string | null;
  /** 1 when concluded by its end date. */
  on_time: number | null;
  /** The 资源共享 item the report was filed as. */
  library_item_id: number | null;
  created_by: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A member of a 课题's team (统一调配调研力量). */
export interface ResearchMemberTable {
  topic_id: number;
  user_id: number;
  unit_id: number;
}

/** A milestone of a 课题 with its deadline. */
export interface ResearchMilestoneTable {
  id: Generated<number>;
  topic_id: number;
  title: string;
  due_date: string;
  /** open | done */
  status: string;
  done_by: number | null;
  done_at: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A 转化 link of a 课题's report. */
export interface ResearchConversionTable {
  id: Generated<number>;
  topic_id: number;
  /** instruction | document | meeting_decision | supervision */
  kind: string;
  reference: string;
  note: string;
  supervision_item_id: number | null;
  supervision_number: string | null;
  recorded_by: number;
  recorded_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    research_decision: ResearchDecisionTable;
    research_proposal: ResearchProposalTable;
    research_topic: ResearchTopicTable;
    research_member: ResearchMemberTable;
    research_milestone: ResearchMilestoneTable;
    research_conversion: ResearchConversionTable;
  }
}

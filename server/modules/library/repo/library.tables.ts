/** Table types of the library module (资源共享), added to the platform's `DB`. */
import type { Generated } from 'kysely';

/** 资源库条目: a shared resource or a 查阅条目 (catalogue entry) of a division's result. */
export interface LibraryItemTable {
  id: Generated<number>;
  kind: string;
  title: string;
  source: string;
  owner_unit_id: number;
  created_by: number;
  level: number;
  /** 保密期限, e.g. '长期' or '10年', null for none. */
  secrecy_period: string | null;
  /** 'everyone' | 'scoped' (units / people in library_scope). */
  scope: string;
  /** 1 when filed as a 查阅条目: title, summary, keywords, owner and date are findable by everyone cleared. */
  catalog: number;
  keywords: string;
  summary: string;
  content: string;
  date: string;
  status: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Need-to-know of a scoped item: units and people. */
export interface LibraryScopeTable {
  item_id: number;
  grantee_type: string;
  grantee_id: number;
}

/** 查阅申请: a request to open a restricted item's content. */
export interface LibraryAccessRequestTable {
  id: Generated<number>;
  item_id: number;
  requester_id: number;
  requester_unit_id: number;
  reason: string;
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** 传阅: circulation of an item to named people, with a purpose and read receipts. */
export interface LibraryCirculationTable {
  id: Generated<number>;
  item_id: number;
  purpose: string;
  created_by: number;
  unit_id: number;
  due_date: string | null;
  status: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One recipient of a circulation and their receipt. */
export interface LibraryCirculationRecipientTable {
  circulation_id: number;
  user_id: number;
  read_at: string | null;
  reminded_at: string | null;
  reminders: number;
}

/** 定期分送: a distribution list sending new items of chosen kinds to subscribers. */
export interface LibraryDistributionTable {
  id: Generated<number>;
  name: string;
  kinds: string;
  period_days: number;
  owner_unit_id: number;
  created_by: number;
  last_sent_at: string;
  active: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A subscriber of a distribution list. */
export interface LibraryDistributionSubscriberTable {
  list_id: number;
  user_id: number;
}

/** A subscriber unit of a distribution list: each active member receives the run. */
export interface LibraryDistributionUnitTable {
  list_id: number;
  unit_id: number;
}

/** 政务工作论坛 topic. */
export interface LibraryTopicTable {
  id: Generated<number>;
  title: string;
  body: string;
  level: number;
  item_id: number | null;
  author_id: number;
  unit_id: number;
  status: string;
  pinned: number;
  replies: number;
  last_reply_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A reply in the forum. */
export interface LibraryReplyTable {
  id: Generated<number>;
  topic_id: number;
  body: string;
  author_id: number;
  hidden: number;
  created_at: string;
}

/** One use of an item: provided, viewed, downloaded, applied, converted (提供、查阅、下载、应用、转化). */
export interface LibraryUseTable {
  id: Generated<number>;
  item_id: number;
  /** The item's owner unit at the time (the unit credited). */
  unit_id: number;
  actor_id: number;
  actor_unit_id: number;
  kind: string;
  note: string | null;
  created_at: string;
}

declare module '../../../db/schema.js' {
  interface DB {
    library_item: LibraryItemTable;
    library_scope: LibraryScopeTable;
    library_access_request: LibraryAccessRequestTable;
    library_circulation: LibraryCirculationTable;
    library_circulation_recipient: LibraryCirculationRecipientTable;
    library_distribution: LibraryDistributionTable;
    library_distribution_subscriber: LibraryDistributionSubscriberTable;
    library_distribution_unit: LibraryDistributionUnitTable;
    library_topic: LibraryTopicTable;
    library_reply: LibraryReplyTable;
    library_use: LibraryUseTable;
  }
}

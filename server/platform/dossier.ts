/**
 * 卷宗 (dossier): what a module hands to 保密档案 when one of its closed items is archived — the item
 * and its whole course as plain text sections, rendered into one PDF bundle by the archives module.
 * A module offers `dossier` / `archivable` in its contract; the platform only names the shapes.
 */

/** One entry of a dossier section (a report, a review, an extension, the final result…). */
export interface DossierEntry {
  heading: string;
  /** Who and when, in one line (报送人、时间…). */
  meta?: string | null;
  text: string;
}

/** A section of the bundle (事项, 办理报告, 审核, 延期, 办结). */
export interface DossierSection {
  title: string;
  entries: DossierEntry[];
}

/** A closed item as an archivable source: what the catalogue needs. */
export interface ArchivableItem {
  /** The source module ('supervision', 'petitions', 'meetings', 'reception', 'research'). */
  module: string;
  /** The source's item type ('supervision_item', 'petition_case', 'meeting', 'reception_plan', 'research_topic'). */
  type: string;
  id: number;
  /** The item's own number (督字〔2026〕3号), if any. */
  number: string | null;
  title: string;
  /** 密级 of the item. */
  level: number;
  /** The division that owns the item (its 立卷单位). */
  ownerUnitId: number;
  /** When the item was closed (ISO). */
  closedAt: string;
}

/** The whole dossier of a closed item. */
export interface Dossier extends ArchivableItem {
  sections: DossierSection[];
}

/** What a source module offers 保密档案 (added to its contract). */
export interface DossierSource {
  /** The dossier of a closed item; null when the item does not exist or is not closed. */
  dossier(db: import('../db/client.js').Db, id: number): Promise<Dossier | null>;
  /** Closed items not yet archived are chosen from these (newest closed first, at most `limit`). */
  archivable(db: import('../db/client.js').Db, opts: { limit: number }): Promise<ArchivableItem[]>;
}

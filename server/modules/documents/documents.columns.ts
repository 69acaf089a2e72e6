/** The editable fields of an outgoing document: input name → column, and which changes are substantive. */
import type { DraftInput, UpdateInput } from './documents.schema.js';
import { sanitizeHtml } from './documents.sanitize.js';

/** Fields whose change after 签发 is substantive and sends the document back to the signer. */
export const SUBSTANTIVE: readonly (keyof UpdateInput)[] = [
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

const COLUMNS: [keyof DraftInput, string, ((v: never) => unknown)?][] = [
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

const COLUMN_OF: Record<string, string> = Object.fromEntries(COLUMNS.map(([k, col]) => [k, col]));

/** Column values of the editable outgoing fields given in `i` (the body sanitized). */
export function draftColumns(i: Partial<DraftInput>): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  for (const [k, col, f] of COLUMNS) if (i[k] !== undefined) c[col] = f ? f(i[k] as never) : (i[k] ?? null);
  return c;
}

/** The column of an input field. */
export function draftColumnName(k: keyof UpdateInput): string {
  return COLUMN_OF[k] ?? String(k);
}

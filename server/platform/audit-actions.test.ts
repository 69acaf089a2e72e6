import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, AUDIT_TARGET_NAMES, auditActionName } from '../../common/audit-actions.js';
import { hasErrorMessage } from '../../common/error-messages.js';
import { incomingWorkflow, outgoingWorkflow } from '../modules/documents/documents.workflow.js';
import { accessRequestWorkflow } from '../modules/library/library.workflow.js';
import { meetingWorkflow, topicWorkflow } from '../modules/meetings/meetings.workflow.js';
import { itemWorkflow, taskWorkflow } from '../modules/supervision/supervision.workflow.js';
import { MODULES } from '../modules/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The platform's prefixes and every module's name: a new module's codes are checked without editing this test. */
const MODULE_PREFIXES = ['auth', 'audit', 'file', ...MODULES.map((m) => m.name)];
/** Literals of that shape that are no action codes. */
const NOT_ACTIONS = new Set(['audit.key', 'audit.anchor', 'audit.anchor.log']);
/** An error code (`assessment.not_draft`) of a module's catalogue is no action code, though written the same way. */
const isErrorCode = (code: string) => hasErrorMessage(code) && !(code in AUDIT_ACTION_NAMES);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit action names', () => {
  it('every action code the server writes (audit entries, refused reads, workflow transitions) has a zh and en name', () => {
    const codes = new Set<string>();
    // string literals given as an action: `action: '…'`, `action = '…'`, a refused read's action argument, either arm of a conditional
    const re = /(?:action: |action = |DeniedError\(|, |\? | : )'([a-z]+\.[a-z_]+(?:\.[a-z_]+)?)'/g;
    let files = 0;
    for (const f of sources(ROOT)) {
      files++;
      for (const m of fs.readFileSync(f, 'utf8').matchAll(re))
        if (MODULE_PREFIXES.includes(m[1]!.split('.')[0]!) && !NOT_ACTIONS.has(m[1]!) && !isErrorCode(m[1]!)) codes.add(m[1]!);
    }
    for (const wf of [
      incomingWorkflow,
      outgoingWorkflow,
      accessRequestWorkflow,
      topicWorkflow(() => true),
      meetingWorkflow(() => true),
      itemWorkflow,
      taskWorkflow,
    ])
      for (const t of Object.keys(wf.transitions)) codes.add(`${wf.name}.${t}`);
    // the two template codes of the library (`library.${kind}`, `library.moderate_${action}`), from their schemas' enums
    for (const k of ['applied', 'converted']) codes.add(`library.${k}`);
    for (const a of ['pin', 'unpin', 'close', 'reopen', 'hide', 'hide_reply', 'show_reply']) codes.add(`library.moderate_${a}`);
    expect(files).toBeGreaterThan(30);
    expect(codes.size).toBeGreaterThan(100);
    const unnamed = [...codes].filter((c) => !AUDIT_ACTION_NAMES[c]).sort();
    expect(unnamed, 'add these to common/audit-actions.ts').toEqual([]);
    for (const [code, [zh, en]] of Object.entries(AUDIT_ACTION_NAMES)) {
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).toMatch(/^[A-Z]/);
    }
  });

  it('no template-literal action other than the known ones (a new one must be listed above)', () => {
    const templates = new Set<string>();
    for (const f of sources(ROOT)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/action: `([^`]+)`/g)) templates.add(m[1]!);
    // the HTTP layer's refusals name the method and route (`GET /api/…`): auditActionName shows them as API access
    expect([...templates].sort()).toEqual([
      '${req.method} ${req.routeOptions.url ?? req.url}',
      '${wf.name}.${action}',
      'library.${input.kind}',
      'library.moderate_${input.action}',
    ]);
  });

  it('every target type written has a name, and a refused API route reads as such', () => {
    const types = new Set<string>();
    for (const f of sources(ROOT)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/targetType: '([a-z_]+)'/g)) types.add(m[1]!);
    expect([...types].filter((t) => !AUDIT_TARGET_NAMES[t])).toEqual([]);
    expect(auditActionName('GET /api/audit', 'zh-CN')).toBe('接口访问 GET /api/audit');
    expect(auditActionName('supervision.task.return', 'zh-CN')).toBe('退回重办');
  });
});

/**
 * LibreOffice in tests: converts files with `soffice --headless --convert-to`, as an office user's own
 * desktop tool would open and save them. One user profile per test process (soffice refuses to share a
 * profile between concurrent instances); every file of a call is converted in one soffice run.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const profile = path.join(os.tmpdir(), `zs-lo-profile-${process.pid}`);

/** CSV as UTF-8, comma-separated, `"`-quoted, formulas evaluated, special numbers (dates) detected. */
export const CSV_IMPORT = 'CSV:44,34,76,1,,0,false,true,false,false,false,-1,true';
/** CSV out as UTF-8, cells as shown (dates in their number format). */
export const CSV_EXPORT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false';

/** Converts each file with LibreOffice to `target` (e.g. `xlsx`, or `CSV_EXPORT`); returns the outputs in order. */
export async function convertWithLibreOffice(files: { name: string; data: Buffer | string }[], target: string, infilter?: string): Promise<Buffer[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-lo-'));
  try {
    const inputs = files.map((f) => {
      const p = path.join(dir, f.name);
      fs.writeFileSync(p, f.data);
      return p;
    });
    const out = path.join(dir, 'out');
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile}`,
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      target,
      '--outdir',
      out,
      ...inputs,
    ];
    await run('soffice', args, { timeout: 180_000 });
    const ext = target.split(':')[0]!;
    return files.map((f) => fs.readFileSync(path.join(out, `${path.parse(f.name).name}.${ext}`)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV line of `cells`, each quoted. */
export function csvLine(cells: string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
}

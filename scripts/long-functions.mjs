#!/usr/bin/env node
/**
 * Lists the server's long code: functions (declarations, methods, arrows, function expressions)
 * over 120 lines and source files over 600 lines, longest first, using the TypeScript compiler API.
 * Tests and migrations are left out. Informational: exits 0 unless `--fail` is given (then 1 when
 * anything is listed). Usage: `node scripts/long-functions.mjs [--fail] [--fn 120] [--file 600]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const FN_LIMIT = opt('--fn', 120);
const FILE_LIMIT = opt('--file', 600);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function* sourceFiles(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'migrations' && e.name !== 'node_modules') yield* sourceFiles(p);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** A readable name for a function node: `Class.method`, `name`, or the variable/property it is assigned to. */
function nameOf(node) {
  const own = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name)) ? node.name.text : null;
  let parent = node.parent;
  if (!own) {
    if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
      return nameOf({ name: parent.name, parent: parent.parent });
    }
    if (parent && ts.isCallExpression(parent)) {
      const callee = parent.expression.getText().slice(0, 40);
      return `(callback of ${callee})`;
    }
    return '(anonymous)';
  }
  for (let p = parent; p; p = p.parent) {
    if ((ts.isClassDeclaration(p) || ts.isClassExpression(p)) && p.name) return `${p.name.text}.${own}`;
    if (ts.isObjectLiteralExpression(p) && p.parent && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name))
      return `${p.parent.name.text}.${own}`;
  }
  return own;
}

const functions = [];
const files = [];
for (const file of sourceFiles(path.join(root, 'server'))) {
  const text = fs.readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = sf.getLineAndCharacterOfPosition(sf.end).line + (text.endsWith('\n') ? 0 : 1);
  if (lines > FILE_LIMIT) files.push({ rel, lines });
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const n = end - start + 1;
      if (n > FN_LIMIT) functions.push({ rel, line: start + 1, name: nameOf(node), lines: n });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

functions.sort((a, b) => b.lines - a.lines);
files.sort((a, b) => b.lines - a.lines);
console.log(`Server functions over ${FN_LIMIT} lines: ${functions.length}`);
for (const f of functions) console.log(`  ${String(f.lines).padStart(5)}  ${f.rel}:${f.line}  ${f.name}`);
console.log(`Server files over ${FILE_LIMIT} lines: ${files.length}`);
for (const f of files) console.log(`  ${String(f.lines).padStart(5)}  ${f.rel}`);
if (args.includes('--fail') && (functions.length || files.length)) process.exit(1);

/**
 * Refused input said the way the form says it: each problem names the field by its label (正文, 时限) and
 * what is wrong with it (不能为空, 不能超过 4000 个字符), in the request's language — never a JSON path or a
 * validator's English. The path stays in `details.fields[].path` for programs.
 */
import { fieldLabel } from '../../common/field-labels.js';

/** One zod issue as fastify-type-provider-zod hands it to the error handler. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** One refused field. */
export interface FieldProblem {
  /** `body.title`, `querystring.page`, `body.tasks.0.deadline`. */
  path: string;
  /** The field's name as users know it. */
  label: string;
  /** What is wrong, in the request's language. */
  message: string;
}

const zh = {
  required: '不能为空',
  type: '格式不正确',
  minChars: (n: unknown) => `至少 ${n} 个字符`,
  maxChars: (n: unknown) => `不能超过 ${n} 个字符`,
  minNumber: (n: unknown) => `不能小于 ${n}`,
  maxNumber: (n: unknown) => `不能大于 ${n}`,
  minItems: (n: unknown) => `至少 ${n} 项`,
  maxItems: (n: unknown) => `最多 ${n} 项`,
  format: '格式不正确',
  date: '日期格式不正确（应为 2026-12-31）',
  choice: '不在可选范围内',
  unknownKeys: (k: unknown) => `含有不认识的字段：${Array.isArray(k) ? k.join('、') : String(k)}`,
  invalid: '不符合要求',
  item: (n: number) => `第 ${n} 项`,
};
const en: typeof zh = {
  required: 'is required',
  type: 'has the wrong type',
  minChars: (n) => `needs at least ${n} characters`,
  maxChars: (n) => `may have at most ${n} characters`,
  minNumber: (n) => `may not be less than ${n}`,
  maxNumber: (n) => `may not be more than ${n}`,
  minItems: (n) => `needs at least ${n} entries`,
  maxItems: (n) => `may have at most ${n} entries`,
  format: 'is not in the expected format',
  date: 'is not a date like 2026-12-31',
  choice: 'is not one of the choices',
  unknownKeys: (k) => `has unknown fields: ${Array.isArray(k) ? k.join(', ') : String(k)}`,
  invalid: 'is not valid',
  item: (n) => `entry ${n}`,
};

/** What is wrong, by the issue's code and limits. */
function problem(i: ValidationIssue, t: typeof zh): string {
  const p = i.params ?? {};
  const origin = p.origin;
  switch (i.keyword) {
    case 'invalid_type':
      return /received undefined|received null/.test(i.message ?? '') ? t.required : t.type;
    case 'too_small':
      if (origin === 'string') return p.minimum === 1 ? t.required : t.minChars(p.minimum);
      if (origin === 'array' || origin === 'set') return t.minItems(p.minimum);
      return t.minNumber(p.minimum);
    case 'too_big':
      if (origin === 'string') return t.maxChars(p.maximum);
      if (origin === 'array' || origin === 'set') return t.maxItems(p.maximum);
      return t.maxNumber(p.maximum);
    case 'invalid_format':
      // a date given as a pattern (YYYY-MM-DD) is a date too
      return p.format === 'date' || p.format === 'datetime' || /\\d\{4\}-/.test(String(p.pattern ?? '')) ? t.date : t.format;
    case 'invalid_value':
    case 'invalid_union':
      return t.choice;
    case 'unrecognized_keys':
      return t.unknownKeys(p.keys);
    case 'custom':
      // a refinement written for users (Chinese) is shown as it is
      return i.message && /[\u4e00-\u9fff]/.test(i.message) && t === zh ? i.message : t.invalid;
    default:
      return t.invalid;
  }
}

/** The refused fields of a request part (`body`, `querystring`, `params`), named and explained in `locale`. */
export function describeIssues(issues: readonly ValidationIssue[], context: string, locale: string): FieldProblem[] {
  const t = locale === 'en-US' ? en : zh;
  return issues.map((i) => {
    const parts = i.instancePath.split('/').filter(Boolean);
    const key = [...parts].reverse().find((s) => !/^\d+$/.test(s));
    const index = parts.find((s) => /^\d+$/.test(s));
    const label = key ? fieldLabel(key, locale) : context === 'body' ? (locale === 'en-US' ? 'the request' : '提交的内容') : context;
    const where =
      index !== undefined && key !== parts[0]
        ? `${fieldLabel(parts[0]!, locale)}${locale === 'en-US' ? ' ' : ''}${t.item(Number(index) + 1)}${locale === 'en-US' ? ': ' : '的'}`
        : '';
    return { path: [context, ...parts].join('.'), label: `${where}${label}`, message: problem(i, t) };
  });
}

/** The sentence for all problems: 「正文不能为空；标题不能超过 200 个字符」. */
export function problemsSentence(fields: readonly FieldProblem[], locale: string): string {
  return fields.map((f) => (locale === 'en-US' ? `${f.label} ${f.message}` : `${f.label}${f.message}`)).join(locale === 'en-US' ? '; ' : '；');
}

/**
 * Stable error codes and their messages in each language: the platform's here, each module's in its
 * `<m>.errors.ts` through `defineErrors`; a code without a message falls back to the generic one.
 */
import type { Locale } from './enums.js';

/** One error message in each language; `{name}` placeholders are filled from the error's params. */
export interface ErrorText {
  'zh-CN': string;
  'en-US': string;
}

type Catalogue = Record<string, ErrorText>;

const catalogue: Catalogue = {
  validation_error: { 'zh-CN': '提交的内容不符合要求', 'en-US': 'The request is not valid' },
  internal_error: { 'zh-CN': '系统内部错误，请稍后重试或联系管理员', 'en-US': 'Internal error; please retry or contact the administrator' },
  not_found: { 'zh-CN': '未找到该事项，或您无权查看', 'en-US': 'Not found, or you may not see it' },
  route_not_found: { 'zh-CN': '请求的接口不存在', 'en-US': 'No such endpoint' },
  method_not_allowed: { 'zh-CN': '该接口不支持 {method} 请求（可用：{allow}）', 'en-US': 'This endpoint does not take {method} (allowed: {allow})' },
  forbidden: { 'zh-CN': '您无权执行此操作', 'en-US': 'You may not do this' },
  concurrent_write: {
    'zh-CN': '有他人正在同时办理相关事项，本次操作未保存，请重试',
    'en-US': 'Someone else was changing related records at the same moment; nothing was saved, please retry',
  },
  stale_version: { 'zh-CN': '该事项已被他人修改，请刷新后重试', 'en-US': 'Someone else changed this item; reload and retry' },
  payload_too_large: { 'zh-CN': '提交的内容过大', 'en-US': 'The request is too large' },
  unsupported_media_type: {
    'zh-CN': '提交的内容格式不受支持（上传文件须以 multipart/form-data 提交）',
    'en-US': 'Unsupported content type (files must be sent as multipart/form-data)',
  },
  request_timeout: {
    'zh-CN': '请求超时：内容未能在规定时间内传完，请检查网络后重试',
    'en-US': 'The request took too long to arrive; check the network and retry',
  },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  'auth.required': { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed logins; the account is locked for {minutes} minutes',
  },
  'auth.session_expired': { 'zh-CN': '长时间未操作，会话已失效，请重新登录', 'en-US': 'Your session timed out; please log in again' },
  'auth.csrf': { 'zh-CN': '请求来源校验失败，请刷新页面后重试', 'en-US': 'Request origin check failed; reload the page and retry' },
  'auth.disabled': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'auth.wrong_old_password': { 'zh-CN': '原密码不正确', 'en-US': 'The current password is wrong' },
  'auth.password_weak': {
    'zh-CN': '密码不符合要求：至少 {minLength} 位，且包含大写字母、小写字母、数字、符号中的至少 {classes} 类',
    'en-US': 'Password too weak: at least {minLength} characters and {classes} of upper, lower, digit, symbol',
  },
  'auth.password_reused': { 'zh-CN': '新密码不能与原密码相同', 'en-US': 'The new password must differ from the current one' },
  'auth.password_expired': { 'zh-CN': '密码已过期，请先修改密码', 'en-US': 'Your password has expired; change it first' },
  'auth.token_invalid': { 'zh-CN': '访问令牌无效或已撤销', 'en-US': 'The API token is invalid or revoked' },
  'level.not_enabled': { 'zh-CN': '该密级未在本系统启用', 'en-US': 'That classification level is not enabled here' },
  'level.above_clearance': { 'zh-CN': '事项密级高于您的涉密等级', 'en-US': 'The level is above your clearance' },
  'file.content_missing': {
    'zh-CN': '附件内容不在存储中（可能未随备份恢复，或存放在另一台服务器上），请联系系统管理员',
    'en-US': 'The attachment content is not in the store (not restored from a backup, or kept on another server); ask the system administrator',
  },
  'file.too_large': { 'zh-CN': '文件超过大小限制（{limitMb} MB）', 'en-US': 'The file exceeds the size limit ({limitMb} MB)' },
  'file.type_not_allowed': { 'zh-CN': '不允许上传该类型的文件', 'en-US': 'This file type is not allowed' },
  'file.type_mismatch': {
    'zh-CN': '文件内容与扩展名不符（声称为 {claimed}，实际为 {actual}）',
    'en-US': 'The file content does not match its extension ({claimed} claimed, {actual} found)',
  },
  'file.name_invalid': { 'zh-CN': '文件名不合法', 'en-US': 'The file name is not valid' },
  'file.missing': { 'zh-CN': '请选择要上传的文件', 'en-US': 'No file was sent' },
  'workflow.invalid_transition': { 'zh-CN': '当前状态“{state}”下不能执行“{action}”', 'en-US': 'Cannot {action} in state {state}' },
  'workflow.missing_fields': { 'zh-CN': '缺少必填项：{fields}', 'en-US': 'Missing required fields: {fields}' },
  'audit.append_only': { 'zh-CN': '审计记录只能追加，不能修改或删除', 'en-US': 'Audit entries are append-only' },
  'backup.corrupt': { 'zh-CN': '备份文件已损坏或不完整：{reason}', 'en-US': 'The backup is corrupt or incomplete: {reason}' },
  'backup.target_not_empty': { 'zh-CN': '恢复目标目录不为空', 'en-US': 'The restore target directory is not empty' },
};

/**
 * Declares a module's error codes and their messages, once, when the module's `<m>.errors.ts` is
 * loaded: every code is `<namespace>.<what>` (checked by the type and at load), and a code cannot be
 * defined twice. Returns the messages, so `keyof typeof xErrors` names the module's codes.
 * ```ts
 * export const libraryErrors = defineErrors('library', { 'library.request_pending': { 'zh-CN': '…', 'en-US': '…' } });
 * ```
 */
export function defineErrors<const N extends string, const M extends Record<string, ErrorText>>(
  namespace: N,
  messages: M & { [K in keyof M]: K extends `${N}.${string}` ? ErrorText : never },
): M {
  for (const [code, text] of Object.entries<ErrorText>(messages)) {
    if (!code.startsWith(`${namespace}.`)) throw new Error(`error code ${code} is outside its namespace ${namespace}`);
    if (code in catalogue && catalogue[code] !== text) throw new Error(`error code ${code} is defined twice`);
    catalogue[code] = text;
  }
  return messages;
}

/** The message of `code` in `locale`, with `{name}` placeholders filled from `params`. */
export function errorMessage(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = catalogue[code] ?? catalogue.internal_error!;
  return entry[locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** True when a message exists for `code`. */
export function hasErrorMessage(code: string): boolean {
  return code in catalogue;
}

import { describe, expect, it } from 'vitest';
import { defineErrors, errorMessage, hasErrorMessage } from './error-messages.js';

describe('defineErrors: one catalogue mechanism for every module', () => {
  it('registers a namespace’s codes with both languages and their placeholders', () => {
    const errs = defineErrors('zz_test', { 'zz_test.one': { 'zh-CN': '第{n}项', 'en-US': 'Item {n}' } });
    expect(Object.keys(errs)).toEqual(['zz_test.one']);
    expect(hasErrorMessage('zz_test.one')).toBe(true);
    expect(errorMessage('zz_test.one', 'zh-CN', { n: 3 })).toBe('第3项');
    expect(errorMessage('zz_test.one', 'en-US', { n: 3 })).toBe('Item 3');
  });

  it('refuses a code outside its namespace and a code defined twice (another module’s text)', () => {
    // @ts-expect-error -- the type refuses it too
    expect(() => defineErrors('zz_test2', { 'zz_other.x': { 'zh-CN': 'x', 'en-US': 'x' } })).toThrow(/outside its namespace/);
    expect(hasErrorMessage('zz_other.x')).toBe(false);
    expect(() => defineErrors('auth', { 'auth.required': { 'zh-CN': '另一段文字', 'en-US': 'Another text' } })).toThrow(/defined twice/);
    expect(errorMessage('auth.required', 'zh-CN')).toBe('请先登录');
  });
});

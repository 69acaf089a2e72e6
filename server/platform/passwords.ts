/** Password hashing (argon2id) and the 等保 password policy. */
import { hash, verify } from '@node-rs/argon2';
import { RuleError } from './errors.js';
import type { SecuritySettings } from './settings.js';

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against a stored hash (false for a malformed hash). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when the user is unknown, so the answer takes as long as for a real one. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('zhongshu-dummy-password-for-timing');
  return dummy;
}

/** How many of the four character classes (upper, lower, digit, symbol) a password uses. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

/** Throws `auth.password_weak` unless the password meets the policy. */
export function assertPasswordPolicy(password: string, s: SecuritySettings): void {
  if ([...password].length < s.passwordMinLength || characterClasses(password) < s.passwordClasses || password.length > 128) {
    throw new RuleError('auth.password_weak', { minLength: s.passwordMinLength, classes: s.passwordClasses });
  }
}

/**
 * The per-process cache of actors, keyed by user id and stamped with `user.auth_version` (which the database
 * bumps on every change an actor is built from). An entry is used only when the request's own query returned
 * the same stamp, so a change made by any process is seen by the next request everywhere; the cache only
 * saves building the actor again.
 */
import type { Role } from '../../../common/enums.js';
import type { Actor } from '../../platform/actor.js';

/** What an actor is built from that does not depend on the request or the time. */
export interface CachedActor {
  authVersion: number;
  actor: Readonly<Omit<Actor, 'ip' | 'locale' | 'mustChangePassword' | 'sessionId' | 'roles'> & { roles: readonly Role[] }>;
  /** The password state: whether a change is due depends on the settings and the time, decided per request. */
  mustChangePassword: number;
  passwordChangedAt: string;
}

/** At most this many users' actors per process (the oldest entry goes first). */
const MAX_ENTRIES = 5_000;

/** Actors by user id, each valid only at its `authVersion`. */
export class ActorCache {
  private readonly entries = new Map<number, CachedActor>();

  /** The cached actor of `userId` if it was built at `authVersion`. */
  get(userId: number, authVersion: number): CachedActor | undefined {
    const e = this.entries.get(userId);
    return e && e.authVersion === authVersion ? e : undefined;
  }

  /** Keeps an actor built at its `authVersion`. */
  set(userId: number, entry: CachedActor): void {
    this.entries.delete(userId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, entry);
  }

  /** Forgets one user's actor. */
  forget(userId: number): void {
    this.entries.delete(userId);
  }
}

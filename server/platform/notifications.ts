/** Notifications: an in-app inbox first; further channels (e-mail, webhook) plug in by interface. */
import type { Trx } from '../db/client.js';
import { iso, type Clock } from './clock.js';

/** One message to one user. `level` is the classification of what it speaks of. */
export interface OutgoingNotification {
  userId: number;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  level?: number;
}

/** A delivery channel. It runs inside the transaction of the change (write to an outbox, never block on the network). */
export interface NotificationChannel {
  readonly name: string;
  deliver(trx: Trx, n: OutgoingNotification, at: Date): Promise<void>;
}

/** The in-app inbox channel. */
export const inboxChannel: NotificationChannel = {
  name: 'inbox',
  async deliver(trx, n, at) {
    await trx
      .insertInto('notification')
      .values({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, level: n.level ?? 0, created_at: iso(at), read_at: null })
      .execute();
  },
};

/** Sends notifications through every registered channel, inside the caller's transaction. */
export class Notifier {
  private readonly channels: NotificationChannel[] = [inboxChannel];
  constructor(private readonly clock: Clock) {}

  /** Adds a channel (e.g. e-mail through an outbox table). */
  addChannel(c: NotificationChannel): void {
    this.channels.push(c);
  }

  /** Sends `message` to each of `userIds` (duplicates sent once). */
  async send(trx: Trx, userIds: readonly number[], message: Omit<OutgoingNotification, 'userId'>): Promise<void> {
    const at = this.clock.now();
    for (const userId of new Set(userIds)) {
      for (const c of this.channels) await c.deliver(trx, { ...message, userId }, at);
    }
  }
}

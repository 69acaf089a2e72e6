/** 保密档案 — what other modules may call through `ctx.services.archives`. */
import type { Trx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { RegisterDocumentInput } from './usecases/archive.js';

export type { RegisterDocumentInput };

/** The archives module's public services. */
export interface ArchivesContract {
  /**
   * 公文 归档: registers an archived document in the 案卷目录 (its 档号 taken by the documents module), in the
   * documents module's transaction; schedules its 保密期限 review. Idempotent per document. Returns the record id.
   */
  registerDocument(trx: Trx, actor: Actor, input: RegisterDocumentInput): Promise<number>;
}

declare module '../../platform/module.js' {
  interface ModuleServices {
    archives: ArchivesContract;
  }
}

/** The 信息刊物 facade: routes, the 工作台 and the search call it; every method delegates to a use case. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext, LooseEndsProvider } from '../../platform/module.js';
import * as admin from './usecases/publication-admin.js';
import * as issues from './usecases/publication-issues.js';
import { withPublicationLooseEnds } from './usecases/publication-loose-ends.js';
import * as read from './usecases/publication-read.js';
import { issueLayout } from './usecases/publication-render.js';
import * as signoff from './usecases/publication-signoff.js';

/** 刊物 and their 期. */
export class PublicationsService {
  constructor(private readonly ctx: AppContext) {}

  publications(actor: Actor) {
    return admin.publications(this.ctx, actor);
  }
  createPublication(actor: Actor, input: admin.PublicationInput) {
    return admin.createPublication(this.ctx, actor, input);
  }
  updatePublication(actor: Actor, id: number, input: Parameters<typeof admin.updatePublicationConfig>[3]) {
    return admin.updatePublicationConfig(this.ctx, actor, id, input);
  }
  issues(actor: Actor, f: Parameters<typeof issues.issueList>[2]) {
    return issues.issueList(this.ctx, actor, f);
  }
  adoptable(actor: Actor, publicationId: number) {
    return issues.adoptable(this.ctx, actor, publicationId);
  }
  createIssue(actor: Actor, publicationId: number) {
    return issues.createIssue(this.ctx, actor, publicationId);
  }
  updateIssue(actor: Actor, id: number, input: Parameters<typeof issues.updateIssueDraft>[3]) {
    return issues.updateIssueDraft(this.ctx, actor, id, input);
  }
  issue(actor: Actor, id: number) {
    return issues.issueDetail(this.ctx, actor, id);
  }
  submit(actor: Actor, id: number, version: number) {
    return signoff.submitIssue(this.ctx, actor, id, version);
  }
  sign(actor: Actor, id: number, version: number) {
    return signoff.signIssue(this.ctx, actor, id, version);
  }
  return(actor: Actor, id: number, version: number, reason: string) {
    return signoff.returnIssue(this.ctx, actor, id, version, reason);
  }
  abandon(actor: Actor, id: number, version: number) {
    return signoff.abandonIssue(this.ctx, actor, id, version);
  }
  markRead(actor: Actor, id: number) {
    return read.markIssueRead(this.ctx, actor, id);
  }
  receipts(actor: Actor, id: number) {
    return read.issueReceipts(this.ctx, actor, id);
  }
  layout(actor: Actor, id: number) {
    return issueLayout(this.ctx, actor, id);
  }
  workbench(db: Db, actor: Actor, now: Date) {
    return read.publicationWorkbench(this.ctx, db, actor, now);
  }
  looseEnds(base: LooseEndsProvider): LooseEndsProvider {
    return withPublicationLooseEnds(this.ctx, base);
  }
}

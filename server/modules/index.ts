/** The modules of this deployment, each listed once: the platform's own (core) modules, then the business modules. */
import type { ZhongshuModule } from '../platform/module.js';
import { archivesModule } from './archives/archives.module.js';
import { assessmentModule } from './assessment/assessment.module.js';
import { dutyModule } from './duty/duty.module.js';
import { documentsModule } from './documents/documents.module.js';
import { identityModule } from './identity/identity.module.js';
import { informationModule } from './information/information.module.js';
import { libraryModule } from './library/library.module.js';
import { meetingsModule } from './meetings/meetings.module.js';
import { petitionsModule } from './petitions/petitions.module.js';
import { receptionModule } from './reception/reception.module.js';
import { researchModule } from './research/research.module.js';
import { orgModule } from './org/org.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { systemModule } from './system/system.module.js';

/** Identity (authentication), org and system: part of every app, tests' and benches' included. */
export const CORE_MODULES: readonly ZhongshuModule[] = [identityModule, orgModule, systemModule];

export const MODULES: readonly ZhongshuModule[] = [
  ...CORE_MODULES,
  meetingsModule,
  documentsModule,
  libraryModule,
  supervisionModule,
  informationModule,
  dutyModule,
  assessmentModule,
  petitionsModule,
  receptionModule,
  archivesModule,
  researchModule,
];

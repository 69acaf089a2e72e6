/** The modules of this deployment, each listed once: the platform's own (core) modules, then the business modules. */
import type { ZhongshuModule } from '../platform/module.js';
import { documentsModule } from './documents/documents.module.js';
import { identityModule } from './identity/identity.module.js';
import { libraryModule } from './library/library.module.js';
import { meetingsModule } from './meetings/meetings.module.js';
import { petitionsModule } from './petitions/petitions.module.js';
import { orgModule } from './org/org.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { systemModule } from './system/system.module.js';

/** Identity (authentication), org and system: part of every app, tests' and benches' included. */
export const CORE_MODULES: readonly ZhongshuModule[] = [identityModule, orgModule, systemModule];

export const MODULES: readonly ZhongshuModule[] = [...CORE_MODULES, meetingsModule, documentsModule, libraryModule, supervisionModule, petitionsModule];

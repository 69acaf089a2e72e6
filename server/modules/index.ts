/** The business modules of this deployment, each listed once. */
import type { ZhongshuModule } from '../platform/module.js';
import { documentsModule } from './documents/documents.module.js';
import { meetingsModule } from './meetings/index.js';
import { libraryModule } from './library/library.module.js';
import { supervisionModule } from './supervision/index.js';

export const MODULES: readonly ZhongshuModule[] = [meetingsModule, documentsModule, libraryModule, supervisionModule];

/** 考核督查 (assessment): the module as the platform plugs it in. */
import { defineModule } from '../../platform/module.js';
import './assessment.contract.js';
import './assessment.errors.js';
import { registerAssessmentRoutes } from './assessment.routes.js';
import { seedAssessmentDemo } from './assessment.seed.js';
import { AssessmentService } from './assessment.service.js';
import * as core from './migrations/202612043001_assessment_core.js';
import * as inputs from './migrations/202612071400_assessment_inputs.js';
import * as survey from './migrations/202612071300_assessment_survey.js';
import * as cockpitSnapshot from './migrations/202612081300_assessment_cockpit.js';
import { registerAssessmentReviewRoutes } from './assessment.review-routes.js';

/** 考核督查: schemes per period, the 考比树 of indicators, scores and the ranking with 先进 / 落后. */
export const assessmentModule = defineModule({
  name: 'assessment',
  migrations: {
    '202612043001_assessment_core': core,
    '202612071300_assessment_survey': survey,
    '202612071400_assessment_inputs': inputs,
    '202612081300_assessment_cockpit': cockpitSnapshot,
  },
  service: (ctx) => new AssessmentService(ctx),
  routes: (app, svc) => {
    registerAssessmentRoutes(app, svc);
    registerAssessmentReviewRoutes(app, svc.reviews);
  },
  workbench: (svc, db, actor, now) => svc.workbench(db, actor, now),
  looseEnds: (svc) => svc.looseEnds(),
  jobs: (svc) => ({ 'assessment.cockpit_refresh': (trx) => svc.refreshCockpitJob(trx) }),
  seedDemo: (trx, _svc, ctx, demo) => seedAssessmentDemo(trx, ctx, demo),
});

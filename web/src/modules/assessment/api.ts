/** 考核督查 API client: answer types and names. */
import type { z } from 'zod';
import type {
  drillDownResponse,
  formulasResponse,
  IndicatorView,
  listSchemesResponse,
  resultsResponse,
  schemeResponse,
  scoringResponse,
} from '../../../../common/assessment.ts';
import type { publicSurveyResponse, reviewsResponse, surveyCodesResponse, surveysResponse } from '../../../../common/assessment-review.ts';

export type { IndicatorView };
export type SchemeList = z.infer<typeof listSchemesResponse>;
export type Scheme = z.infer<typeof schemeResponse>;
export type Formulas = z.infer<typeof formulasResponse>;
export type ScoringSheet = z.infer<typeof scoringResponse>;
export type Results = z.infer<typeof resultsResponse>;
export type DrillDown = z.infer<typeof drillDownResponse>;

export const PERIOD_KINDS: Record<string, string> = { year: '年度', half: '半年', quarter: '季度' };
export const STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '考核中', color: 'processing' },
  closed: { label: '已结束', color: 'success' },
};
export const METHODS: Record<string, string> = { auto: '自动计算', org: '组织考核', expert: '专业评估', public: '群众评价' };

export type Surveys = z.infer<typeof surveysResponse>;
export type SurveyCodes = z.infer<typeof surveyCodesResponse>;
export type PublicSurvey = z.infer<typeof publicSurveyResponse>;
export type Reviews = z.infer<typeof reviewsResponse>;

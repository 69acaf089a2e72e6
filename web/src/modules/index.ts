/**
 * The module registry: one line per web module, in menu order. Business modules add their entry
 * here and keep their pages in `modules/<name>/`.
 */
import { AimOutlined } from '@ant-design/icons';
import { AuditOutlined, CalendarOutlined, HomeOutlined, ApartmentOutlined, SafetyOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { documentsModule } from './documents/module.ts';
import { informationModule } from './information/module.ts';
import { libraryModules } from './library/module.ts';
import { supervisionModule } from './supervision/module.ts';
import { meetingsModule } from './meetings/module.ts';
import { dutyModule } from './duty/module.ts';
import { assessmentModule } from './assessment/module.ts';
import { petitionsModule } from './petitions/module.ts';
import { receptionModule } from './reception/module.ts';
import { researchModule } from './research/module.ts';
import { archivesModule } from './archives/module.ts';
import { lazyPage, type WebModule } from './types.ts';

export const modules: WebModule[] = [
  {
    key: 'workbench',
    menu: { zh: '工作台', en: 'Workbench', icon: HomeOutlined },
    path: '/',
    routes: [{ index: true, ...lazyPage(() => import('./platform/WorkbenchPage.tsx')) }],
  },
  {
    key: 'loose-ends',
    menu: { zh: '件件有着落', en: 'Every item landed', icon: AimOutlined },
    path: '/loose-ends',
    routes: [{ index: true, ...lazyPage(() => import('./platform/LooseEndsPage.tsx')) }],
  },
  documentsModule,
  ...libraryModules,
  supervisionModule,
  meetingsModule,
  informationModule,
  dutyModule,
  assessmentModule,
  petitionsModule,
  receptionModule,
  researchModule,
  archivesModule,
  {
    key: 'admin-units',
    menu: { zh: '单位管理', en: 'Units', icon: ApartmentOutlined },
    path: '/admin/units',
    roles: ['sysadmin'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/UnitsPage.tsx')) }],
  },
  {
    key: 'admin-users',
    menu: { zh: '用户管理', en: 'Users', icon: TeamOutlined },
    path: '/admin/users',
    roles: ['sysadmin', 'secadmin'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/UsersPage.tsx')) }],
  },
  {
    key: 'admin-calendar',
    menu: { zh: '工作日历', en: 'Calendar', icon: CalendarOutlined },
    path: '/admin/calendar',
    roles: ['sysadmin'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/CalendarPage.tsx')) }],
  },
  {
    key: 'admin-security',
    menu: { zh: '安全策略', en: 'Security policy', icon: SafetyOutlined },
    path: '/admin/security',
    roles: ['secadmin'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/SecurityPage.tsx')) }],
  },
  {
    key: 'admin-audit',
    menu: { zh: '审计日志', en: 'Audit trail', icon: AuditOutlined },
    path: '/admin/audit',
    roles: ['auditor'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/AuditPage.tsx')) }],
  },
  {
    key: 'admin-account-actions',
    menu: { zh: '账号操作报告', en: 'Account actions', icon: SolutionOutlined },
    path: '/admin/account-actions',
    roles: ['auditor'],
    routes: [{ index: true, ...lazyPage(() => import('./admin/AdminReportPage.tsx')) }],
  },
];

/** Error codes of 组织机构 and their messages (zh-CN, en-US). */
import { defineErrors } from '../../../common/error-messages.js';

export const orgErrors = defineErrors('org', {
  'org.unit_has_children': { 'zh-CN': '该单位下还有下级单位或用户，不能停用', 'en-US': 'The unit still has sub-units or users' },
  'org.unit_cycle': { 'zh-CN': '不能把单位移动到它自己的下级', 'en-US': 'A unit cannot move under itself' },
  'org.username_taken': { 'zh-CN': '用户名已存在', 'en-US': 'The username is taken' },
  'org.admin_roles_separated': {
    'zh-CN': '三员分立：系统管理员、安全保密管理员、安全审计员不得兼任，也不得兼任业务角色',
    'en-US': 'Separation of duties: the three administrator roles exclude each other and business roles',
  },
  'org.clearance_not_enabled': { 'zh-CN': '该密级未在本系统启用', 'en-US': 'That classification level is not enabled here' },
  'org.unit_not_found': { 'zh-CN': '单位不存在', 'en-US': 'No such unit' },
  'org.self_admin_change': { 'zh-CN': '不能修改自己的管理角色或停用自己', 'en-US': 'You cannot change your own admin role or disable yourself' },
  'org.self_reset': { 'zh-CN': '不能重置自己的密码，请在“修改密码”中修改', 'en-US': 'You cannot reset your own password; change it instead' },
  'org.grant_decided': { 'zh-CN': '该授权申请已处理，请刷新后查看', 'en-US': 'This grant request has already been decided; reload to see it' },
  'org.grant_self': {
    'zh-CN': '三员分立：不能审批涉及自己账号的授权申请',
    'en-US': 'Separation of duties: you cannot decide a grant request for your own account',
  },
  'org.grant_unchanged': { 'zh-CN': '申请的角色和密级与当前生效的相同', 'en-US': 'The requested roles and clearance are those in effect' },
});

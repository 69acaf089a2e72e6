/** 调研 API client: answer types, names, the module's texts and the directory for pickers. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Directory } from '../../../../common/org.ts';
import type { decisionView, proposalListResponse, topicListResponse, topicResponse } from '../../../../common/research.ts';
import { api } from '../../app/api.ts';

export { CONVERSION_KIND_NAMES, CONVERSION_KINDS, PROPOSAL_STATES, TOPIC_STATES } from '../../../../common/research.ts';
export type ProposalList = z.infer<typeof proposalListResponse>;
export type Proposal = ProposalList['items'][number];
export type TopicList = z.infer<typeof topicListResponse>;
export type Topic = z.infer<typeof topicResponse>;
export type Decision = z.infer<typeof decisionView>;

/** The module's texts: Chinese first. */
export const messages = {
  module: ['调研', 'Research'],
  topics: ['调研课题', 'Research topics'],
  proposals: ['调研选题', 'Proposals'],
  propose: ['提出选题', 'Propose'],
  decide: ['记录联席会议决定', 'Record the joint meeting decision'],
  title: ['题目', 'Title'],
  background: ['背景和必要性', 'Background'],
  lead: ['牵头单位', 'Lead unit'],
  proposedLead: ['建议牵头单位', 'Proposed lead'],
  proposer: ['提出单位', 'Proposed by'],
  level: ['密级', 'Level'],
  status: ['状态', 'Status'],
  period: ['起止时间', 'Period'],
  leader: ['负责人', 'Leader'],
  team: ['课题组', 'Team'],
  milestones: ['节点', 'Milestones'],
  addMilestone: ['添加节点', 'Add milestone'],
  due: ['时限', 'Deadline'],
  complete: ['完成', 'Complete'],
  report: ['调研报告', 'Report'],
  upload: ['上传报告', 'Upload report'],
  conclude: ['结题', 'Conclude'],
  summary: ['报告摘要', 'Summary'],
  conversions: ['成果转化', 'Conversions'],
  addConversion: ['记录转化', 'Record conversion'],
  reference: ['转化依据（批示、文号、会议）', 'Reference'],
  library: ['已入资源共享库', 'Filed in the library'],
  editTeam: ['调整课题组', 'Edit team'],
  mine: ['我参与的', 'Mine'],
  heldOn: ['会议日期', 'Meeting date'],
  attendees: ['出席人员', 'Attendees'],
  meetingRef: ['会议（名称或编号）', 'Meeting'],
  endDate: ['结束日期', 'End date'],
  accept: ['立项', 'Accept'],
  declineReason: ['不予立项理由', 'Reason to decline'],
  onTime: ['按期', 'On time'],
  late: ['逾期', 'Late'],
  save: ['保存', 'Save'],
  edit: ['修改', 'Edit'],
  editProposal: ['修改调研选题', 'Edit the proposal'],
  editTopic: ['修改课题', 'Edit the topic'],
  startDate: ['开始日期', 'Start date'],
} as const;

/** The organisation directory for the unit and people pickers. */
export function useDirectory() {
  return useQuery({ queryKey: ['org', 'directory'], queryFn: () => api<Directory>('/api/org/directory'), staleTime: 300_000 });
}

/**
 * 调研选题: the proposals the user may see; 提出选题 for divisions and units; for the 调研室 the
 * 调研联席会议's decision — per undecided proposal 立项 (end date, 负责人, team from several units),
 * 不予立项 (with a reason) or left for a later meeting.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { LEVELS } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMeta } from '../../app/meta.ts';
import { messages, useDirectory, type Decision, type Proposal, type ProposalList } from './api.ts';
import Nav from './Nav.tsx';

type Choice = { outcome?: 'accept' | 'decline'; endDate?: string; leaderId?: number; memberIds?: number[]; reason?: string };

/** 提出选题, or 修改 one still undecided (`editing`, sent with its version). */
function ProposeModal({ open, onClose, editing }: { open: boolean; onClose: () => void; editing?: Proposal }) {
  const t = useT(messages);
  const [form] = Form.useForm();
  const dir = useDirectory();
  const meta = useMeta();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? api(`/api/research/proposals/${editing.id}`, { method: 'PUT', body: { ...body, year: editing.year, version: editing.version } })
        : api('/api/research/proposals', { method: 'POST', body }),
    onSuccess: () => {
      void message.success(editing ? '已保存' : '已提出');
      void qc.invalidateQueries({ queryKey: ['research'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => void message.error(e.message),
  });
  const levels = meta.data?.levels ?? LEVELS.filter((l) => l.value <= 1);
  return (
    <Modal
      open={open}
      title={editing ? t('editProposal') : t('propose')}
      onCancel={onClose}
      okText={editing ? t('save') : t('propose')}
      destroyOnHidden
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined)
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing ? { title: editing.title, background: editing.background, leadUnitId: editing.proposedLead.id, level: editing.level } : { level: 0 }
        }
      >
        <Form.Item name="title" label={t('title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="background" label={t('background')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="leadUnitId" label={t('proposedLead')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(dir.data?.units ?? []).filter((u) => u.kind !== 'committee' && u.kind !== 'upper').map((u) => ({ value: u.id, label: u.shortName }))}
          />
        </Form.Item>
        <Form.Item name="level" label={t('level')}>
          <Select options={levels.map((l) => ({ value: l.value, label: l.zh }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ open, onClose, pending }: { open: boolean; onClose: () => void; pending: Proposal[] }) {
  const t = useT(messages);
  const dir = useDirectory();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [heldOn, setHeldOn] = useState<Dayjs | null>(null);
  const [attendees, setAttendees] = useState('');
  const [meetingRef, setMeetingRef] = useState('');
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const set = (id: number, c: Choice) => setChoices((x) => ({ ...x, [id]: { ...x[id], ...c } }));
  const users = (dir.data?.users ?? []).filter((u) => u.roles.some((r) => ['staff', 'division_head', 'liaison', 'director'].includes(r)));
  const unitName = new Map((dir.data?.units ?? []).map((u) => [u.id, u.shortName]));
  const people = users.map((u) => ({ value: u.id, label: `${u.name}（${unitName.get(u.unitId) ?? ''}）` }));
  const save = useMutation({
    mutationFn: () =>
      api<Decision>('/api/research/decisions', {
        method: 'POST',
        body: {
          heldOn: heldOn?.format('YYYY-MM-DD'),
          attendees,
          meetingRef,
          accepted: Object.entries(choices)
            .filter(([, c]) => c.outcome === 'accept')
            .map(([id, c]) => ({ proposalId: Number(id), endDate: c.endDate, leaderId: c.leaderId ?? null, memberIds: c.memberIds ?? [] })),
          declined: Object.entries(choices)
            .filter(([, c]) => c.outcome === 'decline')
            .map(([id, c]) => ({ proposalId: Number(id), reason: c.reason ?? '' })),
        },
      }),
    onSuccess: (d) => {
      void message.success('已记录会议决定');
      void qc.invalidateQueries({ queryKey: ['research'] });
      onClose();
      if (d.topicIds.length === 1) nav(`/research/topics/${d.topicIds[0]}`);
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Modal open={open} width={900} title={t('decide')} onCancel={onClose} okText={t('save')} confirmLoading={save.isPending} onOk={() => save.mutate()}>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker aria-label={t('heldOn')} placeholder={t('heldOn')} value={heldOn} onChange={setHeldOn} />
        <Input
          aria-label={t('meetingRef')}
          placeholder={t('meetingRef')}
          value={meetingRef}
          onChange={(e) => setMeetingRef(e.target.value)}
          style={{ width: 260 }}
        />
      </Space>
      <Input.TextArea aria-label={t('attendees')} placeholder={t('attendees')} rows={2} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
      <Table<Proposal>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        pagination={false}
        scroll={{ x: 840 }}
        dataSource={pending}
        columns={[
          { title: t('title'), dataIndex: 'title', width: 200 },
          {
            title: '决定',
            width: 130,
            render: (_, p) => (
              <Select
                aria-label={`${p.title} 决定`}
                allowClear
                style={{ width: 120 }}
                value={choices[p.id]?.outcome}
                onChange={(v?: 'accept' | 'decline') => set(p.id, { outcome: v })}
                options={[
                  { value: 'accept', label: '立项' },
                  { value: 'decline', label: '不予立项' },
                ]}
              />
            ),
          },
          {
            title: '立项安排 / 理由',
            render: (_, p) =>
              choices[p.id]?.outcome === 'accept' ? (
                <Space wrap>
                  <DatePicker
                    aria-label={`${p.title} ${t('endDate')}`}
                    placeholder={t('endDate')}
                    onChange={(d) => set(p.id, { endDate: d?.format('YYYY-MM-DD') })}
                  />
                  <Select
                    aria-label={`${p.title} ${t('leader')}`}
                    placeholder={t('leader')}
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 160 }}
                    options={people}
                    onChange={(v: number) => set(p.id, { leaderId: v })}
                  />
                  <Select
                    aria-label={`${p.title} ${t('team')}`}
                    placeholder={t('team')}
                    mode="multiple"
                    showSearch
                    optionFilterProp="label"
                    style={{ minWidth: 220 }}
                    options={people}
                    onChange={(v: number[]) => set(p.id, { memberIds: v })}
                  />
                </Space>
              ) : choices[p.id]?.outcome === 'decline' ? (
                <Input
                  aria-label={`${p.title} ${t('declineReason')}`}
                  placeholder={t('declineReason')}
                  onChange={(e) => set(p.id, { reason: e.target.value })}
                />
              ) : null,
          },
        ]}
      />
    </Modal>
  );
}

export default function ProposalsPage() {
  const t = useT(messages);
  const pick = usePick();
  const [proposing, setProposing] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [editing, setEditing] = useState<Proposal | null>(null);
  const list = useQuery({ queryKey: ['research', 'proposals'], queryFn: () => api<ProposalList>('/api/research/proposals?pageSize=200') });
  const pending = (list.data?.items ?? []).filter((p) => p.status === 'proposed');
  return (
    <div>
      <Nav />
      <Card
        title={t('proposals')}
        extra={
          <Space wrap>
            {list.data?.can.propose && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose">
                {t('propose')}
              </Button>
            )}
            {list.data?.can.decide && pending.length > 0 && (
              <Button onClick={() => setDeciding(true)} data-testid="decide">
                {t('decide')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Proposal>
          rowKey="id"
          size="middle"
          scroll={{ x: 760 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('title'), dataIndex: 'title' },
            { title: t('proposer'), width: 130, render: (_, p) => `${p.unit.name} ${p.proposedBy.name}` },
            { title: t('proposedLead'), width: 120, render: (_, p) => p.proposedLead.name },
            {
              title: t('status'),
              width: 200,
              render: (_, p) => (
                <Space wrap>
                  <Tag color={p.status === 'accepted' ? 'green' : p.status === 'declined' ? 'default' : 'blue'}>{pick(p.statusName)}</Tag>
                  {p.topicId && <Link to={`/research/topics/${p.topicId}`}>查看课题</Link>}
                  {p.declineReason && <span>{p.declineReason}</span>}
                  {p.actions.includes('edit') && p.status === 'proposed' && (
                    <Button size="small" onClick={() => setEditing(p)} data-testid={`proposal-edit-${p.id}`}>
                      {t('edit')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ProposeModal open={proposing} onClose={() => setProposing(false)} />
      {editing && <ProposeModal key={editing.id} open editing={editing} onClose={() => setEditing(null)} />}
      {deciding && <DecideModal open={deciding} onClose={() => setDeciding(false)} pending={pending} />}
    </div>
  );
}

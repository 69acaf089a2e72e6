/** 授权审批: the grant requests the 系统管理员 files and the 安全保密管理员 approves or rejects (三员分立). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LEVELS, ROLE_NAMES, type Role } from '../../../../common/enums.ts';
import { api, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { adminMessages } from './messages.ts';
import type { Grant } from './org-api.ts';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default', superseded: 'default' };
type Key = keyof typeof adminMessages;

/** The list of grant requests with the actions the current administrator may take. */
export function GrantsPanel() {
  const t = useT(adminMessages);
  const pick = usePick();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('pending');
  const [page, setPage] = useState(1);
  const [note, setNote] = useState('');
  const grants = useQuery({
    queryKey: ['org', 'grants', status, page],
    queryFn: () => api<{ items: Grant[]; total: number }>(`/api/org/grants${qs({ status, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: ({ grant, verb }: { grant: Grant; verb: 'approve' | 'reject' | 'cancel' }) =>
      api(`/api/org/grants/${grant.id}/${verb}`, { method: 'POST', body: { version: grant.version, ...(verb === 'reject' && note ? { note } : {}) } }),
    onSuccess: async (_, { verb }) => {
      message.success(t(verb === 'approve' ? 'approved' : verb === 'reject' ? 'rejected' : 'withdrawn'));
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['org'] });
    },
    onError: (error) => void message.error(error.message),
  });

  const access = (roles: string[], level: number) => (
    <>
      {roles.length ? roles.map((role) => <Tag key={role}>{role in ROLE_NAMES ? pick(ROLE_NAMES[role as Role]) : role}</Tag>) : t('noRole')}
      {' · '}
      {pick(LEVELS[level]!)}
    </>
  );
  const columns: TableColumnsType<Grant> = [
    { title: t('account'), key: 'user', width: 170, render: (_, g) => `${g.userName}（${g.username}）` },
    { title: t('unit'), dataIndex: 'unitName', width: 150 },
    { title: t('grantKind'), dataIndex: 'kind', width: 120, render: (kind: string) => t(`kind_${kind}` as Key) },
    { title: t('requested'), key: 'requested', render: (_, g) => access(g.roles, g.clearance) },
    { title: t('previous'), key: 'previous', render: (_, g) => access(g.prevRoles, g.prevClearance) },
    {
      title: t('requestedBy'),
      key: 'requestedBy',
      width: 170,
      render: (_, g) => `${g.requestedBy.name ?? g.requestedBy.id} ${dayjs(g.requestedAt).format('MM-DD HH:mm')}`,
    },
    {
      title: t('grantStatus'),
      key: 'status',
      width: 170,
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLORS[g.status]}>{t(`grant_${g.status}` as Key)}</Tag>
          {g.decidedBy && <span>{`${g.decidedBy.name ?? g.decidedBy.id} ${dayjs(g.decidedAt).format('MM-DD HH:mm')}`}</span>}
          {g.note && <span>{g.note}</span>}
        </Space>
      ),
    },
    {
      key: 'actions',
      width: 190,
      render: (_, g) =>
        g.status === 'pending' && (
          <Space size={0} wrap>
            {me.adminRole === 'secadmin' && g.userId !== me.id && (
              <>
                <Button type="link" size="small" onClick={() => decide.mutate({ grant: g, verb: 'approve' })}>
                  {t('approve')}
                </Button>
                <Popconfirm
                  title={t('reject')}
                  description={<Input placeholder={t('rejectNote')} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
                  onConfirm={() => decide.mutate({ grant: g, verb: 'reject' })}
                >
                  <Button type="link" size="small" danger>
                    {t('reject')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <Button type="link" size="small" onClick={() => decide.mutate({ grant: g, verb: 'cancel' })}>
              {t('withdraw')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon title={t('grantHint')} style={{ marginBottom: 16 }} />
      <Select
        value={status}
        style={{ width: 180, marginBottom: 16 }}
        onChange={(value: string) => {
          setStatus(value);
          setPage(1);
        }}
        options={['pending', 'approved', 'rejected', 'cancelled', 'superseded', 'all'].map((value) => ({
          value,
          label: value === 'all' ? t('allStatuses') : t(`grant_${value}` as Key),
        }))}
      />
      {grants.isError && <Alert type="error" showIcon title={grants.error.message} style={{ marginBottom: 16 }} />}
      <Table<Grant>
        rowKey="id"
        columns={columns}
        dataSource={grants.data?.items}
        loading={grants.isFetching}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: grants.data?.total, showSizeChanger: false, onChange: setPage }}
      />
    </>
  );
}

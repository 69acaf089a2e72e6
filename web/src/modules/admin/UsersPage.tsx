/**
 * 用户管理: the 系统管理员 searches, creates and edits accounts, resets passwords and unlocks them; roles
 * and clearances go to the 授权审批 tab, where the 安全保密管理员 approves or rejects them (三员分立).
 */
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tabs, Tag, TreeSelect, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { LEVELS, ROLE_NAMES, type Role } from '../../../../common/enums.ts';
import { api, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { GrantsPanel } from './GrantsPanel.tsx';
import { adminMessages } from './messages.ts';
import { buildUnitTree, useUnits, type User } from './org-api.ts';
import { UserDrawer } from './UserDrawer.tsx';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT(adminMessages);
  const pick = usePick();
  const { message } = App.useApp();
  const me = useMe();
  const manages = me.adminRole === 'sysadmin';
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<{ q: string; unitId?: number; page: number }>({ q: '', page: 1 });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const units = useUnits();
  const unitTree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);

  const users = useQuery({
    queryKey: ['org', 'users', filter],
    queryFn: () => api<{ items: User[]; total: number }>(`/api/org/users${qs({ ...filter, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const onError = (error: Error) => message.error(error.message);
  const unlock = useMutation({
    mutationFn: (id: number) => api(`/api/org/users/${id}/unlock`, { method: 'POST' }),
    onSuccess: () => {
      message.success(t('unlocked'));
      return queryClient.invalidateQueries({ queryKey: ['org', 'users'] });
    },
    onError,
  });
  const resetPassword = useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => api(`/api/org/users/${id}/reset-password`, { method: 'POST', body: { password } }),
    onSuccess: () => {
      message.success(t('resetDone'));
      setResetting(null);
      setNewPassword('');
      return queryClient.invalidateQueries({ queryKey: ['org'] });
    },
    onError,
  });

  const isLocked = (user: User) => user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());
  const columns: TableColumnsType<User> = [
    { title: t('username'), dataIndex: 'username', width: 130 },
    { title: t('name'), dataIndex: 'name', width: 100 },
    { title: t('unit'), dataIndex: 'unitName', width: 160 },
    {
      title: t('roles'),
      dataIndex: 'roles',
      render: (roles: string[], user) => (
        <>
          {roles.map((role) => (
            <Tag key={role}>{role in ROLE_NAMES ? pick(ROLE_NAMES[role as Role]) : role}</Tag>
          ))}
          {user.pendingGrant && (
            <Tag color="gold">
              {t('pendingGrant', {
                roles: user.pendingGrant.roles.map((role) => (role in ROLE_NAMES ? pick(ROLE_NAMES[role as Role]) : role)).join('、') || t('noRole'),
                level: pick(LEVELS[user.pendingGrant.clearance]!),
              })}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('clearance'), dataIndex: 'clearance', width: 90, render: (level: number) => pick(LEVELS[level]) },
    {
      title: t('status'),
      key: 'status',
      width: 150,
      render: (_, user) => {
        if (user.disabled) return <Tag color="red">{t('disabled')}</Tag>;
        if (isLocked(user)) return <Tag color="orange">{t('lockedUntil', { time: dayjs(user.lockedUntil).format('MM-DD HH:mm') })}</Tag>;
        return <Tag color="green">{t('normal')}</Tag>;
      },
    },
    {
      key: 'actions',
      width: 210,
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            {t('edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(user)}>
            {t('resetPassword')}
          </Button>
          {isLocked(user) && (
            <Button type="link" size="small" onClick={() => unlock.mutate(user.id)}>
              {t('unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  // the 安全保密管理员 reads the accounts; only the 系统管理员 acts on them
  const shownColumns = manages ? columns : columns.filter((c) => c.key !== 'actions');

  const usersTab = (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder={t('searchUsers')} allowClear onSearch={(q) => setFilter({ ...filter, q: q.trim(), page: 1 })} style={{ width: 220 }} />
        <TreeSelect
          treeData={unitTree}
          allowClear
          placeholder={t('allUnits')}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          style={{ width: 240 }}
          value={filter.unitId}
          onChange={(unitId?: number) => setFilter({ ...filter, unitId, page: 1 })}
        />
      </Space>
      {users.isError && <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey="id"
        columns={shownColumns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        scroll={{ x: 960 }}
        pagination={{
          current: filter.page,
          pageSize: PAGE_SIZE,
          total: users.data?.total,
          showSizeChanger: false,
          onChange: (page) => setFilter({ ...filter, page }),
        }}
      />
    </>
  );

  return (
    <Card
      title={t('users')}
      extra={
        manages && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('newUser')}
          </Button>
        )
      }
    >
      <Tabs
        items={[
          { key: 'users', label: t('users'), children: usersTab },
          { key: 'grants', label: t('grants'), children: <GrantsPanel /> },
        ]}
      />
      {editing && <UserDrawer user={editing === 'new' ? null : editing} unitTree={unitTree} onClose={() => setEditing(null)} />}
      <Modal
        title={`${t('resetPassword')} · ${resetting?.name ?? ''}`}
        open={resetting !== null}
        okButtonProps={{ disabled: !newPassword }}
        confirmLoading={resetPassword.isPending}
        onOk={() => resetting && resetPassword.mutate({ id: resetting.id, password: newPassword })}
        onCancel={() => setResetting(null)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('resetHint')} style={{ marginBottom: 12 }} />
        <Input.Password placeholder={t('newPassword')} autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
      </Modal>
    </Card>
  );
}

/** 用户管理: search users, create and edit them, reset passwords, unlock accounts. */
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, TreeSelect, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { LEVELS, ROLE_NAMES, type Role } from '../../../../common/enums.ts';
import { api, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';
import { buildUnitTree, useUnits, type User } from './org-api.ts';
import { UserDrawer } from './UserDrawer.tsx';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT(adminMessages);
  const pick = usePick();
  const { message } = App.useApp();
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
      render: (roles: string[]) => roles.map((role) => <Tag key={role}>{role in ROLE_NAMES ? pick(ROLE_NAMES[role as Role]) : role}</Tag>),
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

  return (
    <Card
      title={t('users')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('newUser')}
        </Button>
      }
    >
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
        columns={columns}
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
        <Input.Password placeholder={t('newPassword')} autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
      </Modal>
    </Card>
  );
}

/** The create / edit drawer of a user. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Switch, TreeSelect } from 'antd';
import { ROLE_NAMES, ROLES, type Level } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMeta } from '../../app/meta.ts';
import { adminMessages } from './messages.ts';
import type { UnitNode, User } from './org-api.ts';

interface UserValues {
  username: string;
  name: string;
  unitId: number;
  roles: string[];
  clearance: Level;
  password?: string;
  disabled?: boolean;
}

/** `user` null = create; the drawer closes itself on save through `onClose`. */
export function UserDrawer({ user, unitTree, onClose }: { user: User | null; unitTree: UnitNode[]; onClose: () => void }) {
  const t = useT(adminMessages);
  const pick = usePick();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const meta = useMeta();
  const [form] = Form.useForm<UserValues>();

  const save = useMutation({
    mutationFn: ({ username, password, ...values }: UserValues) =>
      user
        ? api<{ grantId: number | null }>(`/api/org/users/${user.id}`, { method: 'PATCH', body: { version: user.version, ...values } })
        : api<{ grantId: number | null }>('/api/org/users', { method: 'POST', body: { username: username.trim(), password, ...values } }),
    onSuccess: async (answer) => {
      message.success(t(answer.grantId ? 'savedPending' : 'saved'));
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      onClose();
    },
    onError: (error) => void message.error(error.message),
  });

  const required = [{ required: true, message: t('required') }];
  // an edit starts from what is awaiting approval, if anything, so a save does not withdraw it
  const initial: Partial<UserValues> = user
    ? { ...user, ...(user.pendingGrant ? { roles: user.pendingGrant.roles, clearance: user.pendingGrant.clearance } : {}) }
    : { roles: ['staff'], clearance: 0 };

  return (
    <Drawer
      open
      title={t(user ? 'editUser' : 'newUser')}
      size={480}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('grantHint')} style={{ marginBottom: 16 }} />
      <Form<UserValues> form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input disabled={!!user} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="unitId" label={t('unit')} rules={required}>
          <TreeSelect treeData={unitTree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="roles" label={t('roles')} rules={required} extra={t('rolesHint')}>
          <Select mode="multiple" options={ROLES.map((role) => ({ value: role, label: pick(ROLE_NAMES[role]) }))} />
        </Form.Item>
        <Form.Item name="clearance" label={t('clearance')} rules={required}>
          <Select loading={meta.isPending} options={meta.data?.levels.map((level) => ({ value: level.value, label: pick(level) }))} />
        </Form.Item>
        {user ? (
          <Form.Item name="disabled" label={t('disable')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item name="password" label={t('initialPassword')} rules={required}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
      {meta.isError && <Alert type="error" showIcon title={meta.error.message} />}
    </Drawer>
  );
}

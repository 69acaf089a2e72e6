/** 修改密码: on success the server ends every session, so the user logs in again. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { platformMessages } from './messages.ts';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const t = useT(platformMessages);
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ oldPassword, newPassword }: PasswordForm) => api('/api/auth/password', { method: 'POST', body: { oldPassword, newPassword } }),
    onSuccess: async () => {
      await navigate('/login', { replace: true, state: { notice: 'passwordChanged' } });
      queryClient.clear();
    },
  });

  return (
    <Card title={t('changePassword')} style={{ maxWidth: 480 }}>
      <Form<PasswordForm> layout="vertical" onFinish={(values) => change.mutate(values)} requiredMark={false}>
        <Alert
          type={me.mustChangePassword ? 'warning' : 'info'}
          showIcon
          title={t(me.mustChangePassword ? 'mustChange' : 'passwordHint')}
          style={{ marginBottom: 16 }}
        />
        {change.isError && <Alert type="error" showIcon title={change.error.message} style={{ marginBottom: 16 }} />}
        <Form.Item name="oldPassword" label={t('oldPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 安全策略: the security administrator's settings (passwords, lockout, sessions, enabled levels). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, InputNumber, Row, Skeleton } from 'antd';
import { LEVELS, type Level } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';

interface Settings {
  passwordMinLength: number;
  passwordClasses: number;
  passwordExpiryDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  enabledLevels: Level[];
}

type NumberSetting = Exclude<keyof Settings, 'enabledLevels'>;

/** Sections of the form: each number setting with its bounds. */
const SECTIONS: { title: 'passwordPolicy' | 'loginPolicy'; fields: { name: NumberSetting; min: number; max: number }[] }[] = [
  {
    title: 'passwordPolicy',
    fields: [
      { name: 'passwordMinLength', min: 6, max: 64 },
      { name: 'passwordClasses', min: 1, max: 4 },
      { name: 'passwordExpiryDays', min: 0, max: 3650 },
    ],
  },
  {
    title: 'loginPolicy',
    fields: [
      { name: 'lockoutThreshold', min: 1, max: 100 },
      { name: 'lockoutMinutes', min: 1, max: 1440 },
      { name: 'idleTimeoutMinutes', min: 1, max: 1440 },
    ],
  },
];

export default function SecurityPage() {
  const t = useT(adminMessages);
  const pick = usePick();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['admin', 'settings'], queryFn: () => api<{ settings: Settings; version: number }>('/api/admin/settings') });
  const save = useMutation({
    mutationFn: (values: Settings) => api('/api/admin/settings', { method: 'PUT', body: { version: settings.data!.version, settings: values } }),
    onSuccess: () => void message.success(t('saved')),
    onError: (error) => void message.error(error.message),
    // Reload either way: a stale version needs the other administrator's values.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['admin', 'settings'] }), queryClient.invalidateQueries({ queryKey: ['meta'] })]),
  });

  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />;
  if (!settings.data) return <Skeleton active />;

  return (
    <Card title={t('security')}>
      <Form<Settings>
        key={settings.data.version}
        layout="vertical"
        initialValues={settings.data.settings}
        onFinish={(values) => save.mutate(values)}
        style={{ maxWidth: 720 }}
      >
        {SECTIONS.map((section) => (
          <div key={section.title}>
            <Divider titlePlacement="start">{t(section.title)}</Divider>
            <Row gutter={16}>
              {section.fields.map((field) => (
                <Col xs={24} md={12} key={field.name}>
                  <Form.Item name={field.name} label={t(field.name)} rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={field.min} max={field.max} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
        <Divider titlePlacement="start">{t('levelsPolicy')}</Divider>
        <Form.Item name="enabledLevels" label={t('enabledLevels')} rules={[{ required: true, message: t('required') }]}>
          <Checkbox.Group options={LEVELS.map((level) => ({ value: level.value, label: pick(level) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}

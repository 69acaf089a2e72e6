/** 报送资源: file an item or a 查阅条目 for the user's unit. */
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { useDirectory } from './api.ts';
import { KINDS, LEVEL_NAMES, libraryMessages } from './messages.ts';

export default function NewItemPage() {
  const t = useT(libraryMessages);
  const pick = usePick();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const directory = useDirectory();
  const [form] = Form.useForm();
  const scope = Form.useWatch('scope', form);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const res = await api<{ id: number }>('/api/library/items', {
        method: 'POST',
        body: {
          ...v,
          date: v.date.format('YYYY-MM-DD'),
          keywords: (v.keywords ?? []).map((k: string) => k.trim()).filter(Boolean),
          scopeUnitIds: v.scopeUnitIds ?? [],
          scopeUserIds: v.scopeUserIds ?? [],
          catalog: Boolean(v.catalog),
          secrecyPeriod: v.secrecyPeriod || null,
        },
      });
      message.success(t('saved'));
      void navigate(`/library/items/${res.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title={t('newItem')}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{ kind: 'research_report', level: Math.min(1, me.clearance), scope: 'scoped', catalog: true, date: dayjs() }}
      >
        <Form.Item name="title" label={t('title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="item-title-input" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={Object.entries(KINDS)
                .filter(([k]) => k !== 'notice')
                .map(([k, v]) => ({ value: k, label: pick(v) }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('source')}>
            <Input style={{ width: 200 }} placeholder={me.unitName} />
          </Form.Item>
          <Form.Item name="level" label={t('level')}>
            <Select style={{ width: 120 }} options={[0, 1].filter((l) => l <= me.clearance).map((l) => ({ value: l, label: LEVEL_NAMES[l] }))} />
          </Form.Item>
          <Form.Item name="secrecyPeriod" label={t('secrecyPeriod')}>
            <Input style={{ width: 120 }} placeholder="长期" />
          </Form.Item>
          <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="keywords" label={t('keywords')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="summary" label={t('summary')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="item-summary-input" />
        </Form.Item>
        <Form.Item name="content" label={t('content')}>
          <Input.TextArea rows={8} data-testid="item-content-input" />
        </Form.Item>
        <Form.Item name="scope" label={t('scope')}>
          <Radio.Group
            options={[
              { value: 'scoped', label: t('scopeScoped') },
              { value: 'everyone', label: t('scopeEveryone') },
            ]}
          />
        </Form.Item>
        {scope === 'scoped' && (
          <Space wrap>
            <Form.Item name="scopeUnitIds" label={t('scopeUnits')}>
              <Select
                mode="multiple"
                style={{ minWidth: 260 }}
                showSearch
                optionFilterProp="label"
                options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
              />
            </Form.Item>
            <Form.Item name="scopeUserIds" label={t('scopeUsers')}>
              <Select
                mode="multiple"
                style={{ minWidth: 260 }}
                showSearch
                optionFilterProp="label"
                options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="catalog" valuePropName="checked">
          <Checkbox data-testid="item-catalog">{t('catalog')}</Checkbox>
        </Form.Item>
        <Alert type="info" showIcon title={t('catalogHelp')} style={{ marginBottom: 16 }} />
        <Space>
          <Button type="primary" onClick={submit} data-testid="item-submit">
            {t('submit')}
          </Button>
          <Button onClick={() => navigate('/library')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

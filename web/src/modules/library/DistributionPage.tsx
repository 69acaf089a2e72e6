/**
 * 定期分送 list: what it sends, to whom, how often; its manager (creator or a head of its unit)
 * renames it, changes kinds, period and subscribers, pauses or resumes it, or deletes it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useDirectory, useDistribution, type DistributionList } from './api.ts';
import { KINDS, libraryMessages } from './messages.ts';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

interface ListFormValues {
  name: string;
  kinds: string[];
  periodDays: number;
  subscriberIds: number[];
  unitIds: number[];
}

function ListForm({ l, busy, onSave }: { l: DistributionList; busy: boolean; onSave: (v: ListFormValues) => Promise<void> }) {
  const t = useT(libraryMessages);
  const pick = usePick();
  const directory = useDirectory();
  const [form] = Form.useForm<ListFormValues>();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{
        name: l.name,
        kinds: l.kinds,
        periodDays: l.periodDays,
        subscriberIds: l.subscribers.map((s) => s.id),
        unitIds: l.units.map((u) => u.id),
      }}
    >
      <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input data-testid="list-name-input" />
      </Form.Item>
      <Form.Item name="kinds" label={t('kinds')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="list-kinds"
          options={Object.entries(KINDS).map(([k, v]) => ({ value: k, label: pick(v) }))}
        />
      </Form.Item>
      <Form.Item name="periodDays" label={t('periodDays')} rules={[{ required: true }]}>
        <InputNumber min={1} max={366} precision={0} data-testid="list-period" />
      </Form.Item>
      <Form.Item name="subscriberIds" label={t('subscribers')}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="list-subscribers"
          options={(directory.data?.users ?? [])
            .filter((u) => u.roles.some((r) => !['sysadmin', 'secadmin', 'auditor'].includes(r)))
            .map((u) => ({ value: u.id, label: `${u.name}（${directory.data?.units.find((x) => x.id === u.unitId)?.shortName ?? ''}）` }))}
        />
      </Form.Item>
      <Form.Item name="unitIds" label={t('subscriberUnits')}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="list-units"
          options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
        />
      </Form.Item>
      <Button type="primary" loading={busy} onClick={() => void form.validateFields().then(onSave)} data-testid="list-save">
        {t('save')}
      </Button>
    </Form>
  );
}

export default function DistributionPage() {
  const t = useT(libraryMessages);
  const pick = usePick();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const list = useDistribution(id);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    try {
      await fn();
      message.success(t('done'));
      after?.();
      await qc.invalidateQueries({ queryKey: ['library', 'distributions'] });
    } catch (e) {
      message.error(errorText(e));
      // a 409 means the list changed elsewhere: show the current version
      if (e instanceof ApiError && e.status === 409) await list.refetch();
    } finally {
      setBusy(false);
    }
  };

  const back = () => navigate('/library?tab=distribution');
  if (list.error) return <Alert type="error" showIcon title={errorText(list.error)} action={<Button onClick={back}>{t('back')}</Button>} />;
  const l = list.data;
  if (!l) return <Card loading />;
  const patch = (body: Record<string, unknown>) => api(`/api/library/distributions/${id}`, { method: 'PATCH', body: { version: l.version, ...body } });
  // the deleted list leaves the cached table before the page goes back to it, so it is never shown again
  const remove = async () => {
    await api(`/api/library/distributions/${id}?version=${l.version}`, { method: 'DELETE' });
    qc.removeQueries({ queryKey: ['library', 'distributions', id], exact: true });
    qc.setQueryData<{ items: DistributionList[] }>(['library', 'distributions'], (old) => old && { items: old.items.filter((x) => x.id !== id) });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Tag color="blue">{t('list')}</Tag>
            <span data-testid="list-name">{l.name}</span>
            <Tag color={l.active ? 'green' : 'default'} data-testid="list-status">
              {l.active ? t('active') : t('paused')}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {l.canManage &&
              (l.active ? (
                <Button disabled={busy} onClick={() => run(() => patch({ active: false }))} data-testid="list-pause">
                  {t('pause')}
                </Button>
              ) : (
                <Button type="primary" disabled={busy} onClick={() => run(() => patch({ active: true }))} data-testid="list-resume">
                  {t('resume')}
                </Button>
              ))}
            {l.canManage && (
              <Popconfirm
                title={t('deleteListConfirm')}
                okText={t('delete')}
                cancelText={t('cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => run(remove, back)}
              >
                <Button danger disabled={busy} data-testid="list-delete">
                  {t('delete')}
                </Button>
              </Popconfirm>
            )}
            <Button onClick={back}>{t('back')}</Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="list-facts">
          <Descriptions.Item label={t('ownerUnit')}>{l.ownerUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('periodDays')}>{l.periodDays}</Descriptions.Item>
          <Descriptions.Item label={t('kinds')} span={2}>
            {l.kinds.map((k) => (
              <Tag key={k}>{pick(KINDS[k] ?? { zh: k, en: k })}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('subscriberUnits')} span={2}>
            <span data-testid="list-unit-names">{l.units.map((u) => u.name).join('、') || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('subscribers')} span={2}>
            {l.subscribers.map((s) => s.name).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('lastSent')}>{dayjs(l.lastSentAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('listStatus')}>
            {l.active ? t('active') : t('paused')}
            {!l.active && l.canManage && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('resumeHelp')}
              </Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {l.canManage ? (
        <Card title={t('edit')}>
          <ListForm
            key={l.version}
            l={l}
            busy={busy}
            onSave={(v) =>
              run(() =>
                patch({
                  name: v.name.trim(),
                  kinds: v.kinds,
                  periodDays: v.periodDays,
                  subscriberIds: v.subscriberIds ?? [],
                  unitIds: v.unitIds ?? [],
                }),
              )
            }
          />
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('readOnlyList')} />
      )}
    </Space>
  );
}

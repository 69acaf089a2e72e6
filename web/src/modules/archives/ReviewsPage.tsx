/** 解密/延期审查 (机要保密处): records whose 保密期限 ended; each decision (解密, 延期, 降密) with its reason. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useT, usePick } from '../../app/i18n.ts';
import { dict, LEVEL_OPTIONS, type ReviewView } from './api.ts';
import Nav from './Nav.tsx';

function DecideModal({ review, onClose }: { review: ReviewView | null; onClose: () => void }) {
  const t = useT(dict);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const decision = Form.useWatch('decision', form) as string | undefined;
  const save = useMutation({
    mutationFn: (v: { decision: string; reason: string; newLevel?: number; newUntil?: { format(f: string): string } }) =>
      api<ReviewView>(`/api/archives/reviews/${review!.id}/decide`, {
        method: 'POST',
        body: {
          version: review!.version,
          decision: v.decision,
          reason: v.reason,
          newLevel: v.newLevel ?? null,
          newUntil: v.newUntil?.format('YYYY-MM-DD') ?? null,
        },
      }),
    onSuccess: async () => {
      message.success(t('done'));
      await qc.invalidateQueries({ queryKey: ['archives'] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      title={`${t('decide')}：${review?.archiveNo ?? ''}`}
      open={review !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ decision: 'extend' }}>
        <Form.Item name="decision" label={t('decision')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'declassify', label: t('declassify') },
              { value: 'extend', label: t('extend') },
              { value: 'downgrade', label: t('downgrade') },
            ]}
          />
        </Form.Item>
        {decision === 'downgrade' && (
          <Form.Item name="newLevel" label={t('newLevel')} rules={[{ required: true }]}>
            <Select options={LEVEL_OPTIONS.filter((o) => o.value > 0 && o.value < (review?.level ?? 0))} />
          </Form.Item>
        )}
        {decision !== 'declassify' && (
          <Form.Item name="newUntil" label={t('newUntil')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('decisionReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The review queue. */
export default function ReviewsPage() {
  const t = useT(dict);
  const pick = usePick();
  const [deciding, setDeciding] = useState<ReviewView | null>(null);
  const q = useQuery({ queryKey: ['archives', 'reviews'], queryFn: () => api<{ items: ReviewView[] }>('/api/archives/reviews') });
  return (
    <div>
      <Nav />
      <Card title={t('reviews')}>
        <Table<ReviewView>
          rowKey="id"
          size="middle"
          scroll={{ x: 800 }}
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('archiveNo'), width: 190, render: (_, v) => <Link to={`/archives/${v.recordId}`}>{v.archiveNo}</Link> },
            { title: t('title'), dataIndex: 'title' },
            { title: t('level'), width: 70, render: (_, v) => LEVEL_OPTIONS[v.level]?.label },
            { title: t('dueDate'), dataIndex: 'dueDate', width: 120 },
            {
              title: t('decision'),
              width: 200,
              render: (_, v) =>
                v.decisionName ? (
                  <span>
                    <Tag color="blue">{pick(v.decisionName)}</Tag>
                    {v.newUntil ?? ''}
                  </span>
                ) : (
                  <Tag color="orange">{t('pending')}</Tag>
                ),
            },
            {
              title: '',
              width: 110,
              render: (_, v) =>
                v.actions.includes('decide') ? (
                  <Button size="small" type="primary" onClick={() => setDeciding(v)} data-testid={`decide-${v.id}`}>
                    {t('decide')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <DecideModal review={deciding} onClose={() => setDeciding(null)} />
    </div>
  );
}

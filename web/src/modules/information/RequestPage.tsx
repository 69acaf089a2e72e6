/** One 约稿: what is asked, the units that answered (with their reports, linked where the user may read them) and those that did not; answer or close as the server allows. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { LEVEL_NAMES, showTime, useCan, type InformationRequestDetail } from './api.ts';
import Nav from './Nav.tsx';
import { requestTexts } from './requests-text.ts';
import SubmitModal from './SubmitModal.tsx';

type UnitRow = InformationRequestDetail['units'][number];

export default function RequestPage() {
  const id = Number(useParams().id);
  const t = useT(requestTexts);
  const can = useCan();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [answering, setAnswering] = useState(false);
  const q = useQuery({ queryKey: ['information', 'request', id], queryFn: () => api<InformationRequestDetail>(`/api/information/requests/${id}`) });
  const close = useMutation({
    mutationFn: (version: number) => api(`/api/information/requests/${id}/close`, { method: 'POST', body: { version } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['information'] });
      void message.success(t('closedDone'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (q.isLoading) return <Card loading />;
  if (q.error || !q.data)
    return (
      <Card>
        <Empty description={(q.error as Error | null)?.message ?? t('notFound')} />
      </Card>
    );
  const { request: r, units, actions } = q.data;
  const answered = units.filter((u) => u.answered);
  const missing = units.filter((u) => !u.answered);
  const unitList = (rows: UnitRow[], testId: string) => (
    <List
      data-testid={testId}
      dataSource={rows}
      locale={{ emptyText: '—' }}
      renderItem={(u) => (
        <List.Item data-testid={`request-unit-${u.unitId}`}>
          <div style={{ minWidth: 0, width: '100%' }}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong>{u.unitName}</Typography.Text>
              <Tag color={u.answered ? 'green' : 'orange'}>{u.answered ? t('answered') : t('unanswered')}</Tag>
              {!u.answered && u.remindedAt && <Typography.Text type="secondary">{t('reminded', { at: showTime(u.remindedAt) })}</Typography.Text>}
            </Space>
            {u.answers.map((a) => (
              <div key={a.itemId} style={{ marginTop: 4, overflowWrap: 'anywhere' }}>
                {a.title ? <Link to={`/information/items/${a.itemId}`}>{a.title}</Link> : <Typography.Text type="secondary">{t('noAccess')}</Typography.Text>}{' '}
                <Typography.Text type="secondary">{showTime(a.answeredAt)}</Typography.Text>
              </div>
            ))}
          </div>
        </List.Item>
      )}
    />
  );
  return (
    <div>
      <Nav desk={can.edit} />
      <Card
        title={<span style={{ whiteSpace: 'normal' }}>{r.topic}</span>}
        extra={
          <Space wrap>
            {actions.includes('answer') && (
              <Button type="primary" onClick={() => setAnswering(true)} data-testid="request-answer">
                {t('answer')}
              </Button>
            )}
            {actions.includes('close') && (
              <Button
                loading={close.isPending}
                onClick={() =>
                  modal.confirm({ title: t('close'), content: t('closeConfirm'), onOk: () => close.mutateAsync(r.version).catch(() => undefined) })
                }
                data-testid="request-close"
              >
                {t('close')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('status')}>
            <Space size={4} wrap>
              <Tag color={r.status === 'open' ? 'processing' : 'default'} data-testid="request-status">
                {t(r.status)}
              </Tag>
              {r.owed && <Tag color="orange">{t('owed')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('deadline')}>{r.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('level')}>{LEVEL_NAMES[r.level]}</Descriptions.Item>
          <Descriptions.Item label={t('createdBy')}>{r.createdByName}</Descriptions.Item>
          <Descriptions.Item label={t('createdAt')}>{showTime(r.createdAt)}</Descriptions.Item>
          {r.closedAt && <Descriptions.Item label={t('closedAt')}>{`${showTime(r.closedAt)} ${r.closedByName ?? ''}`}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{r.description}</Typography.Paragraph>
        <Typography.Text type="secondary" data-testid="request-progress">
          {t('progress', { answered: r.answered, asked: r.asked })}
        </Typography.Text>
      </Card>
      <Card title={t('answeredUnits', { n: answered.length })} style={{ marginTop: 16 }}>
        {unitList(answered, 'request-answered')}
      </Card>
      <Card title={t('unansweredUnits', { n: missing.length })} style={{ marginTop: 16 }}>
        {unitList(missing, 'request-unanswered')}
      </Card>
      <SubmitModal open={answering} onClose={() => setAnswering(false)} request={{ id: r.id, topic: r.topic }} />
    </div>
  );
}

/** 档案: the record (档号, 保管期限, 密级, 保密期限), the bundle download, its loans and secrecy reviews. Usable at 390 px. */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useT, usePick } from '../../app/i18n.ts';
import { dict, type RecordResponse } from './api.ts';
import LoanActions from './LoanActions.tsx';

/** The record page. */
export default function RecordPage() {
  const id = Number(useParams().id);
  const t = useT(dict);
  const pick = usePick();
  const q = useQuery({ queryKey: ['archives', 'record', id], queryFn: () => api<RecordResponse>(`/api/archives/${id}`) });
  if (!q.data) return <Card loading={q.isLoading}>{q.error ? <Alert type="error" message={q.error.message} /> : null}</Card>;
  const { record: r, loans, reviews } = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap size={4}>
            <span>{r.archiveNo}</span>
            {r.level > 0 && <Tag color="red">{r.levelName}</Tag>}
          </Space>
        }
        extra={<Link to="/archives">{t('back')}</Link>}
      >
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('title')}>{r.title}</Descriptions.Item>
          <Descriptions.Item label={t('kind')}>{pick(r.sourceName)}</Descriptions.Item>
          <Descriptions.Item label={t('sourceNumber')}>{r.sourceNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ownerUnit')}>{r.ownerUnit.name}</Descriptions.Item>
          <Descriptions.Item label={t('retention')}>{r.retentionName}</Descriptions.Item>
          <Descriptions.Item label={t('level')}>{r.levelName}</Descriptions.Item>
          <Descriptions.Item label={t('secrecyUntil')}>{r.secrecyUntil ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('archivedBy')}>{r.archivedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('archivedAt')}>{r.archivedAt.slice(0, 10)}</Descriptions.Item>
        </Descriptions>
        {r.hasBundle && r.actions.includes('download') && (
          <Button style={{ marginTop: 12 }} icon={<DownloadOutlined />} href={`/api/archives/${r.id}/bundle.pdf`} data-testid="bundle">
            {t('bundle')}
          </Button>
        )}
      </Card>
      <Card title={t('loans')} size="small">
        {loans.length === 0 ? (
          <Typography.Text>{t('empty')}</Typography.Text>
        ) : (
          <List
            dataSource={loans}
            renderItem={(l) => (
              <List.Item extra={<LoanActions loan={l} />}>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      {l.borrower.name}
                      {l.overdue ? <Tag color="red">{t('overdue')}</Tag> : <Tag>{pick(l.statusName)}</Tag>}
                    </Space>
                  }
                  description={`${t('returnDue')}：${l.returnDue}　${t('reason')}：${l.reason}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {reviews.length > 0 && (
        <Card title={t('reviews')} size="small">
          <List
            dataSource={reviews}
            renderItem={(v) => (
              <List.Item>
                <List.Item.Meta
                  title={`${t('dueDate')}：${v.dueDate}　${v.decisionName ? pick(v.decisionName) : t('pending')}`}
                  description={v.reason ? `${v.reason}${v.newUntil ? `（${t('newUntil')}：${v.newUntil}）` : ''}` : null}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

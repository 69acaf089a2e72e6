/** A topic of the 政务工作论坛 with its replies; moderation by the office. */
import { Alert, App, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { libraryMessages } from './messages.ts';

interface Topic {
  id: number;
  title: string;
  body: string;
  status: string;
  pinned: boolean;
  author: string;
  unit: string;
  createdAt: string;
  version: number;
  item: { id: number; title: string } | null;
  replies: { id: number; body: string; author: string; createdAt: string; hidden: boolean }[];
  actions: { reply: boolean; moderate: boolean };
}

export default function TopicPage() {
  const t = useT(libraryMessages);
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const topic = useQuery({ queryKey: ['library', 'topic', id], queryFn: () => api<Topic>(`/api/library/topics/${id}`) });
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['library'] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  if (topic.error) return <Alert type="error" showIcon title={topic.error instanceof ApiError ? topic.error.message : String(topic.error)} />;
  const d = topic.data;
  if (!d) return <Card loading />;
  const moderate = (action: string, replyId?: number) =>
    run(() => api(`/api/library/topics/${id}/moderate`, { method: 'POST', body: { version: d.version, action, replyId } }));
  return (
    <Card
      title={
        <Space>
          {d.pinned && <Tag color="red">{t('pinned')}</Tag>}
          {d.status === 'closed' && <Tag>{t('closed')}</Tag>}
          {d.title}
        </Space>
      }
      extra={
        <Space>
          {d.actions.moderate && <Button onClick={() => moderate(d.pinned ? 'unpin' : 'pin')}>{t('pin')}</Button>}
          {d.actions.moderate && (
            <Button onClick={() => moderate(d.status === 'closed' ? 'reopen' : 'close')}>{d.status === 'closed' ? t('reopen') : t('close')}</Button>
          )}
          <Button onClick={() => navigate('/library?tab=forum')}>{t('back')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {d.author}（{d.unit}）· {d.createdAt.slice(0, 10)}
        {d.item && (
          <>
            {' · '}
            {t('relatedItem')}：<Link to={`/library/items/${d.item.id}`}>{d.item.title}</Link>
          </>
        )}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.body}</Typography.Paragraph>
      <List
        header={`${t('replies')} (${d.replies.length})`}
        dataSource={d.replies}
        renderItem={(r) => (
          <List.Item
            actions={
              d.actions.moderate
                ? [
                    <Button key="h" size="small" type="link" onClick={() => moderate(r.hidden ? 'show_reply' : 'hide_reply', r.id)}>
                      {r.hidden ? t('reopen') : t('hide')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${r.author} · ${r.createdAt.slice(0, 16).replace('T', ' ')}`}
              description={<span style={{ whiteSpace: 'pre-wrap', opacity: r.hidden ? 0.5 : 1 }}>{r.body}</span>}
            />
          </List.Item>
        )}
      />
      {d.actions.reply && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input.TextArea rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={10000} />
          <Button
            type="primary"
            disabled={!text.trim()}
            onClick={() => run(() => api(`/api/library/topics/${id}/replies`, { method: 'POST', body: { body: text } }).then(() => setText('')))}
          >
            {t('reply')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

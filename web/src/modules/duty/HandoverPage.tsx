/** 交接班: the shift's open entries, the outgoing shift's signature and the incoming shift's confirmation. Usable at 390 px. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { chinaTime, SHIFT, STATUS, STATUS_COLOR, type Handover, type HandoverPageData } from './api.ts';
import Nav from './Nav.tsx';

/** The hand-over page of a shift. */
export default function HandoverPage() {
  const id = Number(useParams().id);
  const [note, setNote] = useState('');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['duty', 'handover', id], queryFn: () => api<HandoverPageData>(`/api/duty/shifts/${id}/handover`) });
  const done = async () => {
    message.success('已保存');
    await qc.invalidateQueries({ queryKey: ['duty'] });
  };
  const sign = useMutation({
    mutationFn: () => api<Handover>(`/api/duty/shifts/${id}/handover`, { method: 'POST', body: { version: q.data!.shift.version, note } }),
    onSuccess: done,
    onError: (e: Error) => void message.error(e.message),
  });
  const confirm = useMutation({
    mutationFn: () => api<Handover>(`/api/duty/handovers/${q.data!.handover!.id}/confirm`, { method: 'POST', body: { version: q.data!.handover!.version } }),
    onSuccess: done,
    onError: (e: Error) => void message.error(e.message),
  });
  if (q.isError) return <Alert type="error" message={(q.error as Error).message} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const h = d.handover;
  return (
    <div>
      <Nav />
      <Card title={`交接班 · ${d.shift.date} ${SHIFT[d.shift.shift]}`} styles={{ body: { padding: 12 } }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="带班领导">{d.shift.leader.name}</Descriptions.Item>
          <Descriptions.Item label="值班人员">{d.shift.staff.name}</Descriptions.Item>
          {h && (
            <Descriptions.Item label="交班">
              {h.signedBy.name} {chinaTime(h.signedAt)}
            </Descriptions.Item>
          )}
          {h && (
            <Descriptions.Item label="接班">
              {h.confirmedBy ? `${h.confirmedBy.name} ${chinaTime(h.confirmedAt!)}` : <Tag color="orange">待确认</Tag>}
            </Descriptions.Item>
          )}
          {h?.note && <Descriptions.Item label="交班说明">{h.note}</Descriptions.Item>}
        </Descriptions>
        <List
          style={{ marginTop: 12 }}
          header={<b>未办结事项（{d.openEntries.length}）</b>}
          dataSource={d.openEntries}
          locale={{ emptyText: '无未办结事项' }}
          renderItem={(e) => (
            <List.Item key={e.id}>
              <Space wrap size={4}>
                <Link to={`/duty/entries/${e.id}`}>
                  #{e.id} {e.summary.slice(0, 30)}
                </Link>
                <Tag color={STATUS_COLOR[e.status]}>{STATUS[e.status]}</Tag>
                {e.owner ? <span>承办人：{e.owner.name}</span> : <Tag color="red">无承办人</Tag>}
              </Space>
            </List.Item>
          )}
        />
        {!h && d.shift.canHandover && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Input.TextArea rows={3} placeholder="交班说明" value={note} onChange={(ev) => setNote(ev.target.value)} maxLength={2000} />
            <Button type="primary" block loading={sign.isPending} onClick={() => sign.mutate()} data-action="sign">
              交班签字
            </Button>
          </Space>
        )}
        {h?.canConfirm && (
          <Button type="primary" block style={{ marginTop: 12 }} loading={confirm.isPending} onClick={() => confirm.mutate()} data-action="confirm">
            接班确认
          </Button>
        )}
      </Card>
    </div>
  );
}

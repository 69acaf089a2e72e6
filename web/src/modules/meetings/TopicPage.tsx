/** 议题详情: content, the gate checklist with evidence and confirmers, attachments, layer moves, 上会. */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { chinaTime, GATE_COLORS, GATE_STATE_NAMES, uploadFile, type GateEntry, type MeetingDetail, type MeetingList, type TopicDetail } from './api.ts';
import Nav from './Nav.tsx';

type Confirming = { gate: string; gateName: string; unitId?: number; unitName?: string; version: number };

function Evidence({ e }: { e: GateEntry | null }) {
  if (!e) return <Typography.Text type="secondary">尚未确认</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <span>
        {e.status === 'dissent' ? <Tag color="error">不同意见</Tag> : <Tag color="success">已确认</Tag>}
        {e.confirmedByName} · {chinaTime(e.confirmedAt)}
      </span>
      {e.evidenceText && <Typography.Text>佐证记录：{e.evidenceText}</Typography.Text>}
      {e.evidenceAttachmentId && <a href={`/api/files/${e.evidenceAttachmentId}`}>佐证附件：{e.evidenceFilename ?? e.evidenceAttachmentId}</a>}
    </Space>
  );
}

/** The topic page. */
export default function TopicPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [placeError, setPlaceError] = useState<ApiError | null>(null);
  const [meetingId, setMeetingId] = useState<number | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['meetings', 'topic', id], queryFn: () => api<TopicDetail>(`/api/meeting-topics/${id}`) });
  const t = q.data;
  const meetings = useQuery({
    queryKey: ['meetings', 'open-meetings'],
    enabled: Boolean(t?.actions.includes('schedule')),
    queryFn: async () => {
      const [a, b] = await Promise.all([api<MeetingList>('/api/meetings?status=planned'), api<MeetingList>('/api/meetings?status=notified')]);
      return [...a.items, ...b.items];
    },
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['meetings'] });
  const move = useMutation({
    mutationFn: (action: string) => api<TopicDetail>(`/api/meeting-topics/${id}/transitions/${action}`, { method: 'POST', body: { version: t!.version } }),
    onSuccess: async (r) => {
      message.success(`已转入${r.statusName?.zh ?? ''}`);
      await refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const confirm = useMutation({
    mutationFn: async (v: { text?: string; status: 'confirmed' | 'dissent' }) => {
      let attachmentId: number | null = null;
      const f = files[0]?.originFileObj;
      if (f) attachmentId = (await uploadFile('meeting_topic', id, f)).id;
      return api<TopicDetail>(`/api/meeting-topics/${id}/gates/${confirming!.gate}`, {
        method: 'POST',
        body: { version: confirming!.version, unitId: confirming!.unitId, status: v.status, text: v.text, attachmentId },
      });
    },
    onSuccess: async () => {
      message.success('已记录');
      setConfirming(null);
      setFiles([]);
      form.resetFields();
      await refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const place = useMutation({
    mutationFn: () => api<MeetingDetail>(`/api/meetings/${meetingId}/agenda`, { method: 'POST', body: { topicId: id, topicVersion: t!.version } }),
    onSuccess: async (m) => {
      setPlaceError(null);
      message.success(`已列入“${m.title}”议程`);
      await refresh();
    },
    onError: (e: Error) => setPlaceError(e instanceof ApiError ? e : new ApiError(0, 'error', e.message)),
  });
  const upload = useMutation({
    mutationFn: (f: File) => uploadFile('meeting_topic', id, f),
    onSuccess: async () => {
      message.success('附件已上传');
      await refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (q.isError) return <Alert type="error" showIcon message={(q.error as Error).message} />;
  if (!t) return <Card loading />;
  const failed = (placeError?.details as { failed?: { key: string; zh: string }[] } | undefined)?.failed ?? [];
  return (
    <div>
      <Nav />
      <Card
        title={
          <Space>
            {t.title}
            <Tag color={t.status === 'preparing' ? 'processing' : t.status === 'scheduled' ? 'success' : 'default'} data-testid="topic-status">
              {t.statusName?.zh}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            {t.actions.includes('prepare') && (
              <Button type="primary" onClick={() => move.mutate('prepare')}>
                转入调度
              </Button>
            )}
            {t.actions.includes('store') && <Button onClick={() => move.mutate('store')}>转回储存</Button>}
            {t.actions.includes('withdraw') && (
              <Button danger onClick={() => move.mutate('withdraw')}>
                撤回
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="提出单位">{t.proposingUnit.name}</Descriptions.Item>
          <Descriptions.Item label="提出人">{t.proposedBy.name}</Descriptions.Item>
          <Descriptions.Item label="分管领导">{t.leader?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="拟提交会议">{t.kindName?.zh}</Descriptions.Item>
          <Descriptions.Item label="密级">{t.level ? '内部' : '公开'}</Descriptions.Item>
          <Descriptions.Item label="专家论证">{t.needsExpert ? '需要' : '不需要'}</Descriptions.Item>
          <Descriptions.Item label="协商部门" span={2}>
            {t.concernedUnits.map((u) => u.name).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="会议">{t.meeting ? <Link to={`/meetings/${t.meeting.id}`}>{t.meeting.title}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="背景与主要内容" span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{t.background || '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title="决策把关"
        style={{ marginTop: 16 }}
        extra={t.gatesPassed ? <Tag color="success">全部通过</Tag> : <Tag color="warning">未全部通过：{t.failedGates.length} 项</Tag>}
      >
        <List
          dataSource={t.gates}
          renderItem={(g) => (
            <List.Item data-gate-row={g.key}>
              <div style={{ width: '100%' }}>
                <Space style={{ marginBottom: 6 }}>
                  <Typography.Text strong>{g.zh}</Typography.Text>
                  <Tag color={GATE_COLORS[g.state]} data-state={g.state}>
                    {GATE_STATE_NAMES[g.state]}
                  </Tag>
                  {g.canConfirm && (
                    <Button size="small" type="link" onClick={() => setConfirming({ gate: g.key, gateName: g.zh, version: g.entry?.version ?? 0 })}>
                      确认（附佐证）
                    </Button>
                  )}
                </Space>
                {!g.perUnit && g.state !== 'not_required' && <Evidence e={g.entry} />}
                {g.perUnit &&
                  g.units.map((u) => (
                    <div key={u.unitId} style={{ padding: '4px 0 4px 16px', borderLeft: '2px solid #f0f0f0' }} data-unit={u.unitName}>
                      <Space align="start">
                        <Typography.Text>{u.unitName}</Typography.Text>
                        <Tag color={GATE_COLORS[u.state]}>{GATE_STATE_NAMES[u.state]}</Tag>
                        {u.canConfirm && (
                          <Button
                            size="small"
                            type="link"
                            onClick={() =>
                              setConfirming({
                                gate: g.key,
                                gateName: `${g.zh} · ${u.unitName}`,
                                unitId: u.unitId,
                                unitName: u.unitName,
                                version: u.entry?.version ?? 0,
                              })
                            }
                          >
                            记录协商意见
                          </Button>
                        )}
                      </Space>
                      <div>{u.entry && <Evidence e={u.entry} />}</div>
                    </div>
                  ))}
              </div>
            </List.Item>
          )}
        />
      </Card>

      {t.actions.includes('schedule') && (
        <Card title="上会" style={{ marginTop: 16 }}>
          <Space>
            <Select
              style={{ width: 380 }}
              aria-label="选择会议"
              placeholder="选择会议"
              value={meetingId ?? undefined}
              onChange={setMeetingId}
              options={(meetings.data ?? []).map((m) => ({ value: m.id, label: `${m.title}（${chinaTime(m.startsAt)}）` }))}
            />
            <Button type="primary" disabled={!meetingId} loading={place.isPending} onClick={() => place.mutate()}>
              列入议程
            </Button>
          </Space>
          {placeError && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              data-testid="gates-refusal"
              message={placeError.message}
              description={
                failed.length ? (
                  <ul style={{ margin: 0 }}>
                    {failed.map((f) => (
                      <li key={f.key}>{f.zh}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
        </Card>
      )}

      <Card title="附件" style={{ marginTop: 16 }}>
        <List
          size="small"
          dataSource={t.attachments ?? []}
          locale={{ emptyText: '暂无附件' }}
          renderItem={(f) => (
            <List.Item>
              <a href={`/api/files/${f.id}`}>{f.filename}</a>
            </List.Item>
          )}
        />
        <Upload showUploadList={false} beforeUpload={(f) => (upload.mutate(f), false)}>
          <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
            上传附件
          </Button>
        </Upload>
      </Card>

      <Modal
        title={`确认：${confirming?.gateName ?? ''}`}
        open={confirming !== null}
        onCancel={() => {
          setConfirming(null);
          setFiles([]);
          form.resetFields();
        }}
        onOk={() => form.submit()}
        confirmLoading={confirm.isPending}
        okText="提交"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ status: 'confirmed' }} onFinish={(v) => confirm.mutate(v)}>
          {confirming?.unitId && (
            <Form.Item name="status" label="协商意见">
              <Radio.Group
                options={[
                  { value: 'confirmed', label: '同意' },
                  { value: 'dissent', label: '有不同意见' },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item name="text" label="佐证记录 / 意见说明" extra="确认须附佐证：书面记录或附件，至少其一">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label="佐证附件">
            <Upload fileList={files} beforeUpload={() => false} maxCount={1} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

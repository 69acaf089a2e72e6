/** 公文 detail: elements, body, the step buttons the server allows, and the records of each step. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Grid, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { formatDateTime } from '../../app/time.ts';
import { ActionModal } from './ActionModal.tsx';
import { Attachments } from './Attachments.tsx';
import { useDocument, useDocumentsMeta } from './api.ts';
import { documentsMessages } from './messages.ts';

const fmt = formatDateTime;

export default function DocumentDetailPage() {
  const id = Number(useParams().id);
  const t = useT(documentsMessages);
  const navigate = useNavigate();
  const meta = useDocumentsMeta();
  const q = useDocument(id);
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === undefined ? window.matchMedia('(max-width: 767.98px)').matches : !screens.md;
  const markRead = useMutation({
    mutationFn: () => api(`/api/documents/${id}/read`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['documents'] }),
  });

  if (q.isLoading) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} data-testid="document-error" />;
  const detail = q.data!;
  const d = detail.document;
  const labels = meta.data?.actions[d.direction] ?? {};
  const level = meta.data?.levels.find((l) => l.value === d.level)?.zh ?? '';
  const urgency = meta.data?.urgencies.find((u) => u.key === d.urgency)?.zh ?? '';
  const s = (k: keyof typeof d) => (d[k] as string | number | null | undefined) ?? '—';
  const items =
    d.direction === 'in'
      ? [
          ['收文号', s('receiveNo')],
          ['来文单位', s('sourceOrgan')],
          ['来文字号', s('originalNo')],
          ['文种', d.docType],
          ['密级', level],
          ['紧急程度', urgency],
          ['签收时间', fmt(d.receivedAt as string)],
          ['页数/份数', `${s('pages')} / ${s('copies')}`],
          ['办理时限', s('deadline')],
          ['拟办意见', s('proposal')],
          ['批办领导', s('leaderName')],
          ['批办意见', s('instruction')],
          ['主办单位', s('leadUnitName')],
          ['办理结果', s('result')],
          ['退回理由', s('returnReason')],
          ['档号', s('archiveNo')],
        ]
      : [
          ['发文字号', s('docNo')],
          ['文种', d.docType],
          ['行文方向', meta.data?.flows.find((f) => f.key === d.flow)?.zh ?? '—'],
          ['密级', level],
          ['紧急程度', urgency],
          ['份号', s('copyNo')],
          ['发文机关标志', s('issuerOrgan')],
          ['机关代字', s('orgCode')],
          ['签发人', s('signerName')],
          ['签发时间', fmt(d.signedAt as string)],
          ['主送机关', s('mainTo')],
          ['抄送机关', s('cc')],
          ['发文机关署名', s('signature')],
          ['成文日期', s('docDate')],
          ['印发机关', s('printOrgan')],
          ['印发日期', s('printDate')],
          ['附件说明', s('attachmentsNote')],
          ['附注', s('note')],
          ['联合发文', ((d.jointUnitNames as string[]) ?? []).join('、') || '—'],
          ['印制份数', s('printCount')],
          ['档号', s('archiveNo')],
        ];

  return (
    <div data-testid="document-detail" style={{ display: 'grid', gap: 16 }}>
      <Card>
        {/* title and buttons side by side when there is room, the buttons below the title on a phone: never one over the other */}
        <Flex wrap gap={12} justify="space-between" align="flex-start" style={{ marginBottom: 16 }}>
          <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Flex wrap gap={6} align="center">
              <Tag color={d.direction === 'in' ? 'blue' : 'purple'}>{d.direction === 'in' ? t('tabIn') : t('tabOut')}</Tag>
              <Tag data-testid="document-status">{detail.statusName.zh}</Tag>
              {detail.circulations.some((c) => !c.readAt) && <Tag color="gold">{t('circulating')}</Tag>}
            </Flex>
            <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 18 : 20 }} data-testid="document-title">
              {d.title}
            </Typography.Title>
          </Flex>
          <Space wrap>
            {detail.can.render && (
              <>
                <Button href={`/api/documents/${id}/render.pdf`} target="_blank" data-testid="render-pdf">
                  {t('pdf')}
                </Button>
                <Button href={`/api/documents/${id}/render.docx`}>{t('docx')}</Button>
              </>
            )}
            {detail.can.edit && <Button onClick={() => navigate(`/documents/${id}/edit`)}>{t('edit')}</Button>}
            {detail.can.markRead && (
              <Button onClick={() => markRead.mutate()} loading={markRead.isPending} data-testid="mark-read">
                {t('markRead')}
              </Button>
            )}
            {detail.actions.map((a) => (
              <Button key={a} type="primary" onClick={() => setAction(a)} data-testid={`action-${a}`} danger={['return', 'reject', 'decline'].includes(a)}>
                {labels[a]?.zh ?? a}
              </Button>
            ))}
          </Space>
        </Flex>
        {detail.warnings.map((w) => (
          <Alert
            key={w.code}
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('tooLong', { chars: w.chars, limit: w.limit, docType: d.docType })}
          />
        ))}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          layout={narrow ? 'vertical' : 'horizontal'}
          items={items
            // on a phone the empty fields are left out: the page is one column, and a column of 「—」 hides what is there
            .filter(([, value]) => !narrow || !/^[—\s/]*$/.test(String(value ?? '')))
            .map(([label, children]) => ({ key: String(label), label, children: String(children ?? '—') }))}
        />
        {detail.supervision && detail.supervision.length > 0 && (
          <Space style={{ marginTop: 12 }}>
            {t('supervision')}：
            {detail.supervision.map((s) => (
              <Space key={s.itemId}>
                <Typography.Link onClick={() => navigate(`/supervision/${s.itemId}`)}>{s.number}</Typography.Link>
                <LightTag light={s.light} />
              </Space>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('body')}>
            {d.bodyHtml ? (
              <div
                className="zs-doc-body"
                style={{
                  fontFamily: "'仿宋_GB2312','FangSong','Noto Serif CJK SC',serif",
                  fontSize: 16,
                  lineHeight: 1.9,
                  overflowX: 'auto',
                  overflowWrap: 'anywhere',
                }}
                dangerouslySetInnerHTML={{ __html: d.bodyHtml }}
              />
            ) : (
              <Empty description={d.direction === 'in' ? '纸质来文未录入正文，请查阅原件或附件' : '正文尚未起草'} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10} style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
          <Attachments detail={detail} />
          <Card title={t('steps')} size="small">
            <Timeline
              items={detail.steps.map((st) => ({
                content: (
                  <span>
                    {fmt(st.at)} {st.actorName} <b>{st.actionName}</b>
                    {st.comment ? `：${st.comment}` : ''}
                  </span>
                ),
              }))}
            />
          </Card>
          {detail.handlers.length > 0 && (
            <Card title={t('handlers')} size="small">
              <Table
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={detail.handlers}
                columns={[
                  {
                    title: t('unit'),
                    dataIndex: 'unitName',
                    render: (n: string, h) => (
                      <Space>
                        {n}
                        <Tag>{h.role === 'lead' ? t('lead') : t('co')}</Tag>
                      </Space>
                    ),
                  },
                  { title: '答复', dataIndex: 'reply', render: (r: string | null) => r ?? '—' },
                ]}
              />
            </Card>
          )}
          {detail.deliveries.length > 0 && (
            <Card title={t('deliveries')} size="small" data-testid="deliveries">
              <Table
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={detail.deliveries}
                columns={[
                  { title: t('unit'), dataIndex: 'unitName' },
                  {
                    title: t('receipt'),
                    dataIndex: 'received',
                    render: (r: boolean, x) =>
                      r ? (
                        <Tag color="green">
                          {t('received')} {x.receivedAt ? fmt(x.receivedAt) : ''}
                        </Tag>
                      ) : (
                        <Tag color="gold">{t('notReceived')}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
          )}
          {detail.circulations.length > 0 && (
            <Card title={t('circulation')} size="small" data-testid="circulations">
              <Table
                size="small"
                rowKey="userId"
                pagination={false}
                dataSource={detail.circulations}
                columns={[
                  { title: '传阅人', dataIndex: 'name' },
                  { title: '目的', dataIndex: 'purpose', render: (p: string | null) => p ?? '—' },
                  {
                    title: '回执',
                    dataIndex: 'readAt',
                    render: (r: string | null) =>
                      r ? (
                        <Tag color="green">
                          {t('read')} {fmt(r)}
                        </Tag>
                      ) : (
                        <Tag>{t('unread')}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
          )}
          {detail.reviews.length > 0 && (
            <Card title={t('reviews')} size="small">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={detail.reviews}
                columns={[
                  { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'review' ? '审核' : '会签') },
                  { title: '审核人/单位', render: (_, r) => r.reviewerName ?? r.unitName },
                  { title: '结果', dataIndex: 'decision', render: (x: string) => ({ pending: '待办', approved: '同意', rejected: '退回' })[x] ?? x },
                  { title: '意见', dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      {action && <ActionModal detail={detail} action={action} label={labels[action]?.zh ?? action} onClose={() => setAction(null)} />}
    </div>
  );
}

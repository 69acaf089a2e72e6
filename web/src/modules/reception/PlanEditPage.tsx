/**
 * 拟订 / 修改 a 接待方案: the delegation, guests, and the itinerary items (接站、食宿、宴请、会见、交流、参观)
 * with time, place, responsible division and person, vehicles, standard and budget. A change of an
 * approved plan asks for its reason and becomes the next revision.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useMe } from '../../app/me.ts';
import { LEVELS } from '../../../../common/enums.ts';
import { useDirectory } from '../supervision/directory.ts';
import { fromLocalInput, ITEM_KIND_NAMES, ITEM_KINDS, toLocalInput, type Plan } from './api.ts';

interface ItemDraft {
  id?: number;
  kind: (typeof ITEM_KINDS)[number];
  title: string;
  startsAt: string;
  place: string;
  unitId?: number;
  personId?: number;
  vehicles: string;
  standard: string;
  budget: number;
  locked?: boolean;
}

const emptyItem = (): ItemDraft => ({ kind: 'pickup', title: '', startsAt: '', place: '', vehicles: '', standard: '', budget: 0 });

/** The form, filled from `plan` when editing. */
function PlanForm({ plan }: { plan: Plan | null }) {
  const me = useMe();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dir = useDirectory();
  const [head, setHead] = useState({
    title: plan?.title ?? '',
    delegation: plan?.delegation ?? '',
    purpose: plan?.purpose ?? '',
    arriveDate: plan?.arriveDate ?? '',
    leaveDate: plan?.leaveDate ?? '',
    level: plan?.level ?? Math.min(1, me.clearance),
    guestCount: plan?.guestCount ?? 0,
  });
  const [guests, setGuests] = useState(plan?.guests ?? [{ name: '', title: '' }]);
  const [items, setItems] = useState<ItemDraft[]>(
    plan?.items.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      startsAt: toLocalInput(i.startsAt),
      place: i.place,
      unitId: i.unit?.id,
      personId: i.person?.id,
      vehicles: i.vehicles,
      standard: i.standard,
      budget: i.budget,
      locked: i.status !== 'open',
    })) ?? [emptyItem()],
  );
  const [note, setNote] = useState('');
  const approved = plan?.status === 'approved';
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...head,
        guests: guests.filter((g) => g.name.trim()),
        items: items.map((i) => ({
          id: i.id,
          kind: i.kind,
          title: i.title,
          startsAt: fromLocalInput(i.startsAt),
          place: i.place,
          unitId: i.unitId ?? null,
          personId: i.personId ?? null,
          vehicles: i.vehicles,
          standard: i.standard,
          budget: i.budget,
        })),
      };
      return plan
        ? api<Plan>(`/api/reception/plans/${plan.id}`, { method: 'PUT', body: { ...body, version: plan.version, note: note || undefined } })
        : api<Plan>('/api/reception/plans', { method: 'POST', body });
    },
    onSuccess: async (p) => {
      message.success(`${p.number}：已保存${p.revision > 1 ? `（第${p.revision}版）` : ''}`);
      await qc.invalidateQueries({ queryKey: ['reception'] });
      nav(`/reception/plans/${p.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  const units = (dir.data?.units ?? []).filter((u) => u.kind !== 'upper' && u.kind !== 'committee');
  const setItem = (n: number, patch: Partial<ItemDraft>) => setItems((xs) => xs.map((x, k) => (k === n ? { ...x, ...patch } : x)));
  const label = (n: number, what: string) => `第${n + 1}项 ${what}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card title={plan ? `修改接待方案 ${plan.number}` : '拟订接待方案'}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <Input
              aria-label="方案名称"
              placeholder="方案名称（如：某某考察团）"
              value={head.title}
              onChange={(e) => setHead({ ...head, title: e.target.value })}
            />
          </Col>
          <Col xs={24} md={12}>
            <Input aria-label="来访单位" placeholder="来访单位" value={head.delegation} onChange={(e) => setHead({ ...head, delegation: e.target.value })} />
          </Col>
          <Col xs={12} md={6}>
            <Input type="date" prefix="抵达" aria-label="抵达日期" value={head.arriveDate} onChange={(e) => setHead({ ...head, arriveDate: e.target.value })} />
          </Col>
          <Col xs={12} md={6}>
            <Input type="date" prefix="离开" aria-label="离开日期" value={head.leaveDate} onChange={(e) => setHead({ ...head, leaveDate: e.target.value })} />
          </Col>
          <Col xs={12} md={6}>
            <Select
              aria-label="密级"
              style={{ width: '100%' }}
              value={head.level}
              onChange={(v) => setHead({ ...head, level: v })}
              options={LEVELS.filter((l) => l.value <= me.clearance).map((l) => ({ value: l.value, label: `密级：${l.zh}` }))}
            />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber
              aria-label="来宾人数"
              prefix="人数"
              min={0}
              value={head.guestCount}
              onChange={(v) => setHead({ ...head, guestCount: v ?? 0 })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col span={24}>
            <Input.TextArea
              aria-label="来访事由"
              placeholder="来访事由"
              rows={2}
              value={head.purpose}
              onChange={(e) => setHead({ ...head, purpose: e.target.value })}
            />
          </Col>
        </Row>
      </Card>
      <Card
        title="来宾名单"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setGuests([...guests, { name: '', title: '' }])}>
            添加来宾
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {guests.map((g, n) => (
            <Space.Compact key={n} style={{ width: '100%' }}>
              <Input
                aria-label={`来宾${n + 1} 姓名`}
                placeholder="姓名"
                value={g.name}
                onChange={(e) => setGuests(guests.map((x, k) => (k === n ? { ...x, name: e.target.value } : x)))}
                style={{ width: '35%' }}
              />
              <Input
                aria-label={`来宾${n + 1} 职务`}
                placeholder="职务"
                value={g.title}
                onChange={(e) => setGuests(guests.map((x, k) => (k === n ? { ...x, title: e.target.value } : x)))}
              />
              <Button aria-label={`删除来宾${n + 1}`} icon={<DeleteOutlined />} onClick={() => setGuests(guests.filter((_, k) => k !== n))} />
            </Space.Compact>
          ))}
        </Space>
      </Card>
      <Card
        title="日程安排"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setItems([...items, emptyItem()])} data-testid="add-item">
            添加事项
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {items.map((i, n) => (
            <Card
              key={n}
              size="small"
              type="inner"
              title={`第${n + 1}项${i.locked ? '（已完成或已取消，不能修改）' : ''}`}
              extra={
                !approved || i.id === undefined ? (
                  <Button type="text" aria-label={`删除第${n + 1}项`} icon={<DeleteOutlined />} onClick={() => setItems(items.filter((_, k) => k !== n))} />
                ) : null
              }
            >
              <Row gutter={[8, 8]}>
                <Col xs={10} md={4}>
                  <Select
                    aria-label={label(n, '类别')}
                    disabled={i.locked}
                    style={{ width: '100%' }}
                    value={i.kind}
                    onChange={(v) => setItem(n, { kind: v })}
                    options={ITEM_KINDS.map((k) => ({ value: k, label: ITEM_KIND_NAMES[k].zh }))}
                  />
                </Col>
                <Col xs={14} md={8}>
                  <Input
                    aria-label={label(n, '事项')}
                    disabled={i.locked}
                    placeholder="事项"
                    value={i.title}
                    onChange={(e) => setItem(n, { title: e.target.value })}
                  />
                </Col>
                <Col xs={24} md={6}>
                  <Input
                    type="datetime-local"
                    aria-label={label(n, '时间')}
                    disabled={i.locked}
                    value={i.startsAt}
                    onChange={(e) => setItem(n, { startsAt: e.target.value })}
                  />
                </Col>
                <Col xs={24} md={6}>
                  <Input
                    aria-label={label(n, '地点')}
                    disabled={i.locked}
                    placeholder="地点"
                    value={i.place}
                    onChange={(e) => setItem(n, { place: e.target.value })}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Select
                    aria-label={label(n, '责任处室')}
                    disabled={i.locked}
                    showSearch
                    optionFilterProp="label"
                    placeholder="责任处室（单位）"
                    style={{ width: '100%' }}
                    value={i.unitId}
                    onChange={(v) => setItem(n, { unitId: v, personId: undefined })}
                    options={units.map((u) => ({ value: u.id, label: u.shortName }))}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Select
                    aria-label={label(n, '责任人')}
                    disabled={i.locked}
                    showSearch
                    optionFilterProp="label"
                    placeholder="责任人"
                    style={{ width: '100%' }}
                    value={i.personId}
                    onChange={(v) => setItem(n, { personId: v })}
                    options={(dir.data?.users ?? [])
                      .filter((u) => i.unitId === undefined || u.unitId === i.unitId)
                      .map((u) => ({ value: u.id, label: u.name }))}
                  />
                </Col>
                <Col xs={24} md={4}>
                  <Input
                    aria-label={label(n, '车辆')}
                    disabled={i.locked}
                    placeholder="车辆"
                    value={i.vehicles}
                    onChange={(e) => setItem(n, { vehicles: e.target.value })}
                  />
                </Col>
                <Col xs={12} md={4}>
                  <Input
                    aria-label={label(n, '标准')}
                    disabled={i.locked}
                    placeholder="标准"
                    value={i.standard}
                    onChange={(e) => setItem(n, { standard: e.target.value })}
                  />
                </Col>
                <Col xs={12} md={4}>
                  <InputNumber
                    aria-label={label(n, '预算')}
                    disabled={i.locked}
                    min={0}
                    precision={0}
                    suffix="元"
                    value={i.budget}
                    onChange={(v) => setItem(n, { budget: v ?? 0 })}
                    style={{ width: '100%' }}
                  />
                </Col>
              </Row>
            </Card>
          ))}
        </Space>
      </Card>
      {approved && (
        <Card title="变更原因">
          <Typography.Paragraph type="secondary">方案已批准：保存后生成新版本，并通知相关责任人和审批人。</Typography.Paragraph>
          <Input.TextArea aria-label="变更原因" placeholder="变更原因" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Card>
      )}
      <Space>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="save">
          保存
        </Button>
        <Button onClick={() => nav(plan ? `/reception/plans/${plan.id}` : '/reception')}>返回</Button>
      </Space>
    </Space>
  );
}

/** The page: a new plan, or an existing one loaded first. */
export default function PlanEditPage() {
  const param = useParams().id;
  const id = param ? Number(param) : null;
  const q = useQuery({ queryKey: ['reception', 'plan', id], queryFn: () => api<Plan>(`/api/reception/plans/${id}`), enabled: id !== null });
  if (id !== null && !q.data) return <Card loading={q.isLoading}>{q.error?.message}</Card>;
  return <PlanForm key={q.data?.version ?? 0} plan={q.data ?? null} />;
}

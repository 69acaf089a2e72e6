/**
 * What 督查室 and the units do on an item after 立项: 修改, 撤销, 调整分工 (增加单位 / 撤销任务), 提出建议, 督办协调,
 * 节点 (添加 / 完成), and the 批示件办理情况报告. Every button comes from the server's `actions`; on a phone the
 * stages are cards with full-size buttons.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, InputNumber, List, Modal, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { formatShortDateTime } from '../../app/time.ts';
import type { ItemDetail, TaskView } from './api.ts';
import { useDirectory } from './directory.ts';

const messages = {
  edit: ['修改事项', 'Edit'],
  withdraw: ['撤销事项', 'Withdraw'],
  addTask: ['调整分工', 'Add a unit'],
  cancelTask: ['撤销任务', 'Withdraw task'],
  recommend: ['提出建议', 'Recommend'],
  coordinate: ['督办协调', 'Coordinate'],
  report: ['批示件办理情况报告', 'Instruction report'],
  stages: ['工作节点', 'Stages'],
  addStage: ['添加节点', 'Add stage'],
  completeStage: ['完成节点', 'Complete stage'],
  complete: ['完成', 'Complete'],
  noStages: ['暂无节点', 'No stages'],
  title: ['事项名称', 'Title'],
  requirement: ['工作要求', 'Requirement'],
  deadline: ['总时限', 'Time limit'],
  priority: ['优先级', 'Priority'],
  reason: ['理由', 'Reason'],
  reasonRequired: ['请填写理由', 'Give the reason'],
  unit: ['责任单位', 'Unit'],
  person: ['责任人', 'Responsible person'],
  limit: ['时限', 'Time limit'],
  stageName: ['节点名称', 'Stage'],
  note: ['完成情况', 'Note'],
  content: ['建议内容', 'Recommendation'],
  toLeader: ['报领导', 'To the leader'],
  units: ['相关单位', 'Units'],
  issue: ['协调事项（问题）', 'Issue'],
  outcome: ['议定意见', 'Agreed outcome'],
  date: ['协调日期', 'Date'],
  required: ['必填', 'Required'],
  done: ['已完成', 'Done'],
  doneBy: ['{who} {at} 完成：{note}', 'Done by {who} {at}: {note}'],
  submitted: ['已提交', 'Submitted'],
  submit: ['提交', 'Submit'],
  cancel: ['取消', 'Cancel'],
  withdrawn: ['已撤销：{reason}', 'Withdrawn: {reason}'],
} as const;

type Dialog =
  | { kind: 'edit' | 'withdraw' | 'addTask' | 'recommend' | 'coordinate' }
  | { kind: 'cancelTask' | 'addStage'; task: TaskView }
  | { kind: 'completeStage'; task: TaskView; stage: TaskView['stages'][number] };

/** The buttons, the stages card and the dialog of the changes after 立项. */
export function useItemChanges(d: ItemDetail | undefined, narrow: boolean) {
  const t = useT(messages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dir = useDirectory();
  const [form] = Form.useForm();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const close = () => {
    setDialog(null);
    form.resetFields();
  };
  const act = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: async () => {
      close();
      await qc.invalidateQueries({ queryKey: ['supervision'] });
      void message.success(t('submitted'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (!d) return { itemButtons: null, taskButtons: () => null, stages: null, modal: null, withdrawnNote: null };
  const it = d.item;
  const day = (v: Dayjs) => v.format('YYYY-MM-DD');
  const send = (method: 'POST' | 'PATCH', url: string, body: unknown) => api(url, { method, body });
  const size = narrow ? 'middle' : 'small';

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !dialog) return;
    act.mutate(() => {
      switch (dialog.kind) {
        case 'edit':
          return send('PATCH', `/api/supervision/items/${it.id}`, {
            version: it.version,
            title: v.title,
            requirement: v.requirement,
            deadline: day(v.deadline),
            priority: v.priority,
          });
        case 'withdraw':
          return send('POST', `/api/supervision/items/${it.id}/withdraw`, { version: it.version, reason: v.reason });
        case 'addTask':
          return send('POST', `/api/supervision/items/${it.id}/tasks`, {
            version: it.version,
            unitId: v.unitId,
            responsibleUserId: v.userId,
            deadline: day(v.deadline),
          });
        case 'recommend':
          return send('POST', `/api/supervision/items/${it.id}/recommendations`, {
            content: v.content,
            toLeader: v.toLeader === true,
            unitIds: v.unitIds ?? [],
          });
        case 'coordinate':
          return send('POST', `/api/supervision/items/${it.id}/coordinations`, { unitIds: v.unitIds, issue: v.issue, outcome: v.outcome, date: day(v.date) });
        case 'cancelTask':
          return send('POST', `/api/supervision/tasks/${dialog.task.id}/withdraw`, { version: dialog.task.version, reason: v.reason });
        case 'addStage':
          return send('POST', `/api/supervision/tasks/${dialog.task.id}/stages`, { version: dialog.task.version, name: v.name, deadline: day(v.deadline) });
        case 'completeStage':
          return send('POST', `/api/supervision/stages/${dialog.stage.id}/complete`, { version: dialog.stage.version, note: v.note });
      }
    });
  };

  const has = (a: string) => d.actions.includes(a);
  const itemButtons: ReactNode = (
    <>
      {(['edit', 'addTask', 'recommend', 'coordinate', 'withdraw'] as const).map((k) => {
        const action = k === 'addTask' ? 'add_task' : k;
        return has(action) ? (
          <Button key={k} data-testid={`item-${k}`} danger={k === 'withdraw'} onClick={() => setDialog({ kind: k })}>
            {t(k)}
          </Button>
        ) : null;
      })}
      {has('instruction_report') && (
        <Button href={`/api/supervision/items/${it.id}/instruction-report.docx`} data-testid="instruction-report">
          {t('report')}（DOCX）
        </Button>
      )}
    </>
  );
  const taskButtons = (task: TaskView): ReactNode => (
    <>
      {task.actions?.includes('add_stage') && (
        <Button size={size} data-testid={`add-stage-${task.id}`} onClick={() => setDialog({ kind: 'addStage', task })}>
          {t('addStage')}
        </Button>
      )}
      {task.actions?.includes('cancel') && (
        <Button size={size} danger data-testid={`cancel-task-${task.id}`} onClick={() => setDialog({ kind: 'cancelTask', task })}>
          {t('cancelTask')}
        </Button>
      )}
    </>
  );

  const withStages = d.tasks.filter((x) => x.stages.length > 0);
  const stages: ReactNode =
    withStages.length === 0 ? null : (
      <Card title={t('stages')} style={{ marginTop: 16 }} data-testid="stages">
        {withStages.map((task) => (
          <div key={task.id} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{task.unitName}</Typography.Text>
            <List
              size="small"
              dataSource={task.stages}
              locale={{ emptyText: <Empty description={t('noStages')} /> }}
              renderItem={(s) => (
                <List.Item key={s.id} data-testid={`stage-${s.id}`}>
                  <Flex vertical={narrow} gap={6} justify="space-between" style={{ width: '100%' }}>
                    <Flex wrap gap={6} align="center">
                      <span>
                        {s.seq}. {s.name}
                      </span>
                      <Typography.Text type="secondary">{s.deadline}</Typography.Text>
                      {s.doneAt ? <Tag color="green">{t('done')}</Tag> : <LightTag light={s.light} />}
                    </Flex>
                    {s.doneAt ? (
                      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                        {t('doneBy', { who: s.doneByName ?? '', at: formatShortDateTime(s.doneAt), note: s.note ?? '' })}
                      </Typography.Text>
                    ) : (
                      task.actions?.includes('complete_stage') && (
                        <Button
                          size={size}
                          type="primary"
                          data-testid={`complete-stage-${s.id}`}
                          onClick={() => setDialog({ kind: 'completeStage', task, stage: s })}
                        >
                          {t('completeStage')}
                        </Button>
                      )
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          </div>
        ))}
      </Card>
    );

  const taskUnits = d.tasks.filter((x) => x.status !== 'withdrawn').map((x) => ({ value: x.unitId, label: x.unitName }));
  const usedUnits = new Set(d.tasks.map((x) => x.unitId));
  const required = [{ required: true, message: t('required') }];
  const modal = (
    <Modal
      title={dialog ? t(dialog.kind) : ''}
      open={dialog !== null}
      onCancel={close}
      onOk={submit}
      confirmLoading={act.isPending}
      okText={t('submit')}
      cancelText={t('cancel')}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {dialog?.kind === 'edit' && (
          <>
            <Form.Item name="title" label={t('title')} initialValue={it.title} rules={required}>
              <Input />
            </Form.Item>
            <Form.Item name="requirement" label={t('requirement')} initialValue={it.requirement} rules={required}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="deadline" label={t('deadline')} initialValue={dayjs(it.deadline)} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="priority" label={t('priority')} initialValue={it.priority}>
              <InputNumber min={1} max={3} />
            </Form.Item>
          </>
        )}
        {(dialog?.kind === 'withdraw' || dialog?.kind === 'cancelTask') && (
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('reasonRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {dialog?.kind === 'addTask' && (
          <>
            <Form.Item name="unitId" label={t('unit')} rules={required}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(dir.data?.units ?? [])
                  .filter((u) => !usedUnits.has(u.id) && u.kind !== 'external')
                  .map((u) => ({ value: u.id, label: u.shortName || u.name }))}
              />
            </Form.Item>
            <Form.Item name="userId" label={t('person')} rules={required}>
              <Select options={(dir.data?.users ?? []).filter((u) => u.unitId === unitId).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="deadline" label={t('limit')} initialValue={dayjs(it.deadline)} rules={required}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'recommend' && (
          <>
            <Form.Item name="content" label={t('content')} rules={required}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="toLeader" valuePropName="checked" initialValue={true}>
              <Checkbox>{t('toLeader')}</Checkbox>
            </Form.Item>
            <Form.Item name="unitIds" label={t('units')}>
              <Select mode="multiple" options={taskUnits} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'coordinate' && (
          <>
            <Form.Item name="unitIds" label={t('units')} rules={required}>
              <Select mode="multiple" options={taskUnits} />
            </Form.Item>
            <Form.Item name="issue" label={t('issue')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="outcome" label={t('outcome')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="date" label={t('date')} initialValue={dayjs()} rules={required}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'addStage' && (
          <>
            <Form.Item name="name" label={t('stageName')} rules={required}>
              <Input />
            </Form.Item>
            <Form.Item name="deadline" label={t('limit')} rules={required}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'completeStage' && (
          <>
            <p>
              {dialog.stage.name}（{dialog.stage.deadline}）
            </p>
            <Form.Item name="note" label={t('note')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
  const withdrawnNote = it.withdrawReason ? <Tag color="default">{t('withdrawn', { reason: it.withdrawReason })}</Tag> : null;
  return { itemButtons, taskButtons, stages, modal, withdrawnNote };
}

/** The add / edit form of a unit. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
import { UNIT_KIND_NAMES, UNIT_KINDS, type UnitKind } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';
import type { Unit, UnitNode } from './org-api.ts';

/** Either an existing unit to edit, or the parent of a new one. */
export type UnitFormTarget = { unit: Unit } | { parentId: number | null };

/** What the form sends back: the id of the saved unit. */
type Saved = Pick<Unit, 'id'>;

interface UnitValues {
  parentId: number | null;
  name: string;
  shortName: string;
  kind: UnitKind;
  code?: string;
  sort: number;
  active?: boolean;
}

export function UnitForm({ target, tree, onSaved }: { target: UnitFormTarget; tree: UnitNode[]; onSaved: (unitId: number) => void }) {
  const t = useT(adminMessages);
  const pick = usePick();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unit = 'unit' in target ? target.unit : null;

  const save = useMutation({
    mutationFn: ({ code, parentId, ...values }: UnitValues) =>
      unit
        ? api<Saved>(`/api/org/units/${unit.id}`, { method: 'PATCH', body: { version: unit.version, parentId: parentId ?? null, ...values } })
        : api<Saved>('/api/org/units', { method: 'POST', body: { parentId: parentId ?? null, ...values, code: code?.trim() || undefined } }),
    onSuccess: async (saved) => {
      message.success(t('saved'));
      await queryClient.invalidateQueries({ queryKey: ['org', 'units'] });
      onSaved(unit?.id ?? saved.id);
    },
    onError: (error) => void message.error(error.message),
  });

  const initial: Partial<UnitValues> = unit
    ? { parentId: unit.parentId, name: unit.name, shortName: unit.shortName, kind: unit.kind, sort: unit.sort, active: unit.active }
    : { parentId: 'parentId' in target ? target.parentId : null, kind: 'division', sort: 0 };
  const required = [{ required: true, whitespace: true, message: t('required') }];

  return (
    <Form<UnitValues> layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} style={{ maxWidth: 520 }}>
      <Form.Item name="parentId" label={t('parent')}>
        <TreeSelect treeData={tree} allowClear placeholder={t('noParent')} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
      </Form.Item>
      <Form.Item name="name" label={t('unitName')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('shortName')} rules={required}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('required') }]}>
        <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: pick(UNIT_KIND_NAMES[kind]) }))} />
      </Form.Item>
      {!unit && (
        <Form.Item name="code" label={t('code')}>
          <Input maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="sort" label={t('sort')}>
        <InputNumber min={0} precision={0} />
      </Form.Item>
      {unit && (
        <Form.Item name="active" label={t('active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('save')}
      </Button>
    </Form>
  );
}

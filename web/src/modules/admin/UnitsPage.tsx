/** 单位管理: the unit tree and a form to add or edit a unit. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Tag, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { UNIT_KIND_NAMES } from '../../../../common/enums.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';
import { buildUnitTree, useUnits, type UnitNode } from './org-api.ts';
import { UnitForm, type UnitFormTarget } from './UnitForm.tsx';

export default function UnitsPage() {
  const t = useT(adminMessages);
  const pick = usePick();
  const units = useUnits();
  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const [target, setTarget] = useState<{ unitId: number } | { parentId: number | null } | null>(null);
  const selected = target && 'unitId' in target ? units.data?.find((unit) => unit.id === target.unitId) : undefined;
  const formTarget: UnitFormTarget | null = selected ? { unit: selected } : target && 'parentId' in target ? target : null;
  // A new key resets the form when the selection or the saved version changes.
  const formKey = formTarget && ('unit' in formTarget ? `${formTarget.unit.id}:${formTarget.unit.version}` : `new:${formTarget.parentId}`);

  const renderTitle = (node: UnitNode) => (
    <Space size={4}>
      <span style={node.unit.active ? undefined : { color: '#999', textDecoration: 'line-through' }}>{node.title}</span>
      <Tag variant="filled">{pick(UNIT_KIND_NAMES[node.unit.kind])}</Tag>
      {!node.unit.active && <Tag>{t('inactive')}</Tag>}
    </Space>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={t('units')}
          extra={
            <Button icon={<PlusOutlined />} size="small" onClick={() => setTarget({ parentId: null })}>
              {t('addTopUnit')}
            </Button>
          }
        >
          {units.isError && <Alert type="error" showIcon title={units.error.message} />}
          {tree.length > 0 && (
            <Tree<UnitNode>
              treeData={tree}
              showLine
              defaultExpandAll
              blockNode
              selectedKeys={selected ? [selected.id] : []}
              titleRender={renderTitle}
              onSelect={(_, { node }) => setTarget({ unitId: node.unit.id })}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={t(selected ? 'editUnit' : 'newUnit')}
          extra={
            selected && (
              <Button icon={<PlusOutlined />} size="small" onClick={() => setTarget({ parentId: selected.id })}>
                {t('addChildUnit')}
              </Button>
            )
          }
        >
          {formTarget ? (
            <UnitForm key={formKey} target={formTarget} tree={tree} onSaved={(unitId) => setTarget({ unitId })} />
          ) : (
            <Empty description={t('selectUnit')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

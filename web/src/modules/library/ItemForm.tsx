/** The fields of a library item, shared by 报送资源 (new) and 编辑条目 (edit). */
import { Alert, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { useMeta } from '../../app/meta.ts';
import { useDirectory } from './api.ts';
import { KINDS, LEVEL_NAMES, libraryMessages } from './messages.ts';

/** The form's values. */
export interface ItemFormValues {
  title: string;
  kind: string;
  source?: string;
  level: number;
  secrecyPeriod?: string | null;
  date: Dayjs;
  keywords?: string[];
  summary?: string;
  content?: string;
  scope: 'everyone' | 'scoped';
  scopeUnitIds?: number[];
  scopeUserIds?: number[];
  catalog?: boolean;
}

/** The API body of the form's values (create shape; an edit sends the changed fields of it). */
export function itemBody(v: ItemFormValues) {
  const scoped = v.scope === 'scoped';
  return {
    title: v.title.trim(),
    kind: v.kind,
    source: (v.source ?? '').trim(),
    level: v.level,
    secrecyPeriod: v.secrecyPeriod?.trim() || null,
    date: v.date.format('YYYY-MM-DD'),
    keywords: [...new Set((v.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
    summary: (v.summary ?? '').trim(),
    content: v.content ?? '',
    scope: v.scope,
    scopeUnitIds: scoped ? (v.scopeUnitIds ?? []) : [],
    scopeUserIds: scoped ? (v.scopeUserIds ?? []) : [],
    catalog: Boolean(v.catalog),
  };
}

/** The item's fields inside an antd `Form` (title, kind, source, 密级 + 保密期限, date, keywords, summary, content, scope, 查阅条目). */
export function ItemFields({ currentLevel }: { currentLevel?: number }) {
  const t = useT(libraryMessages);
  const pick = usePick();
  const me = useMe();
  const meta = useMeta();
  const directory = useDirectory();
  const form = Form.useFormInstance<ItemFormValues>();
  const scope = Form.useWatch('scope', form);
  const enabled = meta.data?.levels.map((l) => l.value as number) ?? [0, 1];
  const levels = enabled.filter((l) => l <= me.clearance || l === currentLevel);
  return (
    <>
      <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input data-testid="item-title-input" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
          <Select
            style={{ width: 180 }}
            data-testid="item-kind"
            options={Object.entries(KINDS)
              .filter(([k]) => k !== 'notice')
              .map(([k, v]) => ({ value: k, label: pick(v) }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('source')} rules={[{ max: 200 }]}>
          <Input style={{ width: 200 }} placeholder={me.unitName} data-testid="item-source-input" />
        </Form.Item>
        <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
          <Select style={{ width: 120 }} options={levels.map((l) => ({ value: l, label: LEVEL_NAMES[l] }))} />
        </Form.Item>
        <Form.Item name="secrecyPeriod" label={t('secrecyPeriod')} rules={[{ max: 50 }]}>
          <Input style={{ width: 120 }} placeholder="长期" data-testid="item-secrecy-input" />
        </Form.Item>
        <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="keywords" label={t('keywords')}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="item-keywords" />
      </Form.Item>
      <Form.Item name="summary" label={t('summary')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} data-testid="item-summary-input" />
      </Form.Item>
      <Form.Item name="content" label={t('content')}>
        <Input.TextArea rows={8} data-testid="item-content-input" />
      </Form.Item>
      <Form.Item name="scope" label={t('scope')}>
        <Radio.Group
          data-testid="item-scope"
          options={[
            { value: 'scoped', label: t('scopeScoped') },
            { value: 'everyone', label: t('scopeEveryone') },
          ]}
        />
      </Form.Item>
      {scope === 'scoped' && (
        <Space wrap>
          <Form.Item name="scopeUnitIds" label={t('scopeUnits')}>
            <Select
              mode="multiple"
              style={{ minWidth: 260 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="item-scope-units"
              options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
            />
          </Form.Item>
          <Form.Item name="scopeUserIds" label={t('scopeUsers')}>
            <Select
              mode="multiple"
              style={{ minWidth: 260 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="item-scope-users"
              options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="catalog" valuePropName="checked">
        <Checkbox data-testid="item-catalog">{t('catalog')}</Checkbox>
      </Form.Item>
      <Alert type="info" showIcon title={t('catalogHelp')} style={{ marginBottom: 16 }} data-testid="item-catalog-help" />
    </>
  );
}

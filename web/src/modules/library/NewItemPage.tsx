/** 报送资源: file an item or a 查阅条目 for the user's unit. */
import { App, Button, Card, Form, Space } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { itemBody, ItemFields, type ItemFormValues } from './ItemForm.tsx';
import { libraryMessages } from './messages.ts';

export default function NewItemPage() {
  const t = useT(libraryMessages);
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const res = await api<{ id: number }>('/api/library/items', { method: 'POST', body: itemBody(v) });
      message.success(t('saved'));
      void navigate(`/library/items/${res.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title={t('newItem')}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{ kind: 'research_report', level: Math.min(1, me.clearance), scope: 'scoped', catalog: false, date: dayjs() }}
      >
        <ItemFields />
        <Space>
          <Button type="primary" onClick={submit} data-testid="item-submit">
            {t('submit')}
          </Button>
          <Button onClick={() => navigate('/library')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

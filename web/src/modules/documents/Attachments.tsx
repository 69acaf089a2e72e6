/** 附件 of a document: download links (through the owner's read policy) and an upload for those who may attach. */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import type { DocumentDetail } from './api.ts';

async function upload(documentId: number, file: File): Promise<void> {
  // the CSRF token comes with the session answer; uploads are multipart, so not through `api`
  const { csrfToken } = await api<{ csrfToken: string }>('/api/auth/me');
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/api/files?ownerType=document&ownerId=${documentId}`, {
    method: 'POST',
    body,
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
}

export function Attachments({ detail }: { detail: DocumentDetail }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const id = detail.document.id;
  if (!detail.attachments.length && !detail.can.attach) return null;
  return (
    <Card
      size="small"
      title="附件"
      extra={
        detail.can.attach && (
          <>
            <input
              ref={input}
              type="file"
              hidden
              onChange={async (e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                setBusy(true);
                try {
                  await upload(id, f);
                  await qc.invalidateQueries({ queryKey: ['documents', 'detail', id] });
                  message.success('已上传');
                } catch (err) {
                  message.error((err as Error).message);
                } finally {
                  setBusy(false);
                }
              }}
            />
            <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
              上传附件
            </Button>
          </>
        )
      }
    >
      <List
        size="small"
        locale={{ emptyText: '暂无附件' }}
        dataSource={detail.attachments}
        renderItem={(a) => (
          <List.Item>
            <Typography.Link href={`/api/files/${a.id}`}>{a.filename}</Typography.Link>
            <Typography.Text type="secondary">{a.size < 1024 ? `${a.size} B` : `${(a.size / 1024).toFixed(1)} KB`}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 导入督办事项: the ledger's import dialog (its own chunk, loaded when 导入 is clicked; see LedgerPage). */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Radio, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { uploadImport } from './api.ts';

export default function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [importFile, setImportFile] = useState<File | null>(null);
  const [importMode, setImportMode] = useState<'all' | 'valid'>('all');
  const [importResult, setImportResult] = useState<Awaited<ReturnType<typeof uploadImport>> | null>(null);
  const runImport = async (dryRun: boolean) => {
    if (!importFile) return;
    try {
      const r = await uploadImport(importFile, importMode, dryRun);
      setImportResult(r);
      if (r.committed) {
        message.success(`已导入 ${r.imported} 件`);
        await qc.invalidateQueries({ queryKey: ['supervision'] });
      }
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal
      title="导入督办事项"
      open={open}
      onCancel={() => {
        onClose();
        setImportResult(null);
      }}
      footer={null}
      width={760}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <a href="/api/supervision/import-template.xlsx">下载导入模板</a>
        <Upload
          beforeUpload={(f) => {
            setImportFile(f);
            setImportResult(null);
            return false;
          }}
          maxCount={1}
          accept=".xlsx"
        >
          <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
        </Upload>
        <Radio.Group value={importMode} onChange={(e) => setImportMode(e.target.value)}>
          <Radio value="all">有任何不合格行则全部不导入</Radio>
          <Radio value="valid">只导入合格行</Radio>
        </Radio.Group>
        <Space>
          <Button onClick={() => runImport(true)} disabled={!importFile}>
            校验
          </Button>
          <Button type="primary" onClick={() => runImport(false)} disabled={!importFile}>
            导入
          </Button>
        </Space>
        {importResult && (
          <>
            <Alert
              type={importResult.committed ? 'success' : importResult.invalid ? 'warning' : 'info'}
              message={`共 ${importResult.total} 行，合格 ${importResult.total - importResult.invalid} 行，不合格 ${importResult.invalid} 行；${importResult.committed ? `已导入 ${importResult.imported} 件` : '未导入'}`}
            />
            <Table
              size="small"
              rowKey="row"
              pagination={false}
              dataSource={importResult.rows}
              columns={[
                { title: '行', dataIndex: 'row', width: 50 },
                { title: '事项', dataIndex: 'title' },
                {
                  title: '结果',
                  render: (_, r) => (r.ok ? <Tag color="success">{r.number ?? '合格'}</Tag> : <span style={{ color: '#cf1322' }}>{r.errors.join('；')}</span>),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}

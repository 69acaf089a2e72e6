/** A small rich-text editor for the body (正文): paragraphs, bold, italic, underline, alignment. The server sanitises. */
import { Button, Space } from 'antd';
import { useEffect, useRef } from 'react';

export function RichTextEditor({ value, onChange }: { value?: string; onChange?: (html: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && value !== undefined && ref.current.innerHTML !== value) ref.current.innerHTML = value;
  }, [value]);
  const exec = (cmd: string) => {
    ref.current?.focus();
    document.execCommand(cmd);
    onChange?.(ref.current?.innerHTML ?? '');
  };
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('bold')}>
          <b>B</b>
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('italic')}>
          <i>I</i>
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('underline')}>
          <u>U</u>
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('justifyCenter')}>
          居中
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('justifyLeft')}>
          左对齐
        </Button>
      </Space>
      <div
        ref={ref}
        data-testid="body-editor"
        contentEditable
        suppressContentEditableWarning
        onInput={() => onChange?.(ref.current?.innerHTML ?? '')}
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        style={{
          minHeight: 260,
          padding: '12px 16px',
          outline: 'none',
          fontFamily: "'仿宋_GB2312','FangSong','Noto Serif CJK SC',serif",
          fontSize: 16,
          lineHeight: 1.9,
        }}
      />
    </div>
  );
}

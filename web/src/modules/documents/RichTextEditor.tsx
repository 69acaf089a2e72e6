/**
 * A small rich-text editor for the body (正文): paragraphs, the four heading levels of GB/T 9704
 * (一、黑体 （一）楷体 1. and （1）仿宋, kept as h2–h5), bold, italic, underline, alignment. The server sanitises.
 */
import { Button, Select, Space } from 'antd';
import { useEffect, useRef } from 'react';

/** 层次: the block tag and how the level is numbered and set. */
const LEVELS: [string, string][] = [
  ['p', '正文'],
  ['h2', '一、（黑体）'],
  ['h3', '（一）（楷体）'],
  ['h4', '1.（仿宋）'],
  ['h5', '（1）（仿宋）'],
];

/** The body editor. */
export function RichTextEditor({ value, onChange }: { value?: string; onChange?: (html: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && value !== undefined && ref.current.innerHTML !== value) ref.current.innerHTML = value;
  }, [value]);
  const exec = (cmd: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, arg);
    onChange?.(ref.current?.innerHTML ?? '');
  };
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space wrap style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
        <Select
          size="small"
          style={{ width: 130 }}
          aria-label="层次"
          placeholder="层次"
          data-testid="body-level"
          value={null}
          onChange={(tag: string) => exec('formatBlock', tag)}
          options={LEVELS.map(([tag, label]) => ({ value: tag, label }))}
        />
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
      <style>{`[data-testid=body-editor] :is(h2,h3,h4,h5){font-size:16px;font-weight:400;margin:0}
[data-testid=body-editor] h2{font-family:'黑体','SimHei','FandolHei',sans-serif}
[data-testid=body-editor] h3{font-family:'楷体_GB2312','KaiTi','FandolKai',serif}`}</style>
    </div>
  );
}

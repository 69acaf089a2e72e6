/**
 * The pen/touch canvas of a 批示: pointer events (mouse, pen and touch alike), strokes kept so the
 * last one can be undone, the drawing handed up as a PNG data URL (null when empty). It takes the
 * width of its container (390 px phones included) and draws at the device's pixel ratio.
 */
import { ClearOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../app/i18n.ts';
import { padTexts } from './requests-text.ts';

type Point = { x: number; y: number };
const HEIGHT = 220;

/** The pad; `onChange` receives the PNG as a data URL after each stroke, or null once cleared. */
export default function HandwritingPad({ onChange }: { onChange: (png: string | null) => void }) {
  const t = useT(padTexts);
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const current = useRef<Point[] | null>(null);
  const [count, setCount] = useState(0);

  const redraw = () => {
    const c = canvas.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    const ratio = c.width / c.clientWidth || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, c.clientWidth, HEIGHT);
    ctx.strokeStyle = '#b00000';
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of [...strokes.current, ...(current.current ? [current.current] : [])]) {
      ctx.beginPath();
      s.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
      if (s.length === 1) ctx.lineTo(s[0]!.x + 0.1, s[0]!.y + 0.1);
      ctx.stroke();
    }
  };

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const size = () => {
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      c.width = Math.round(c.clientWidth * ratio);
      c.height = Math.round(HEIGHT * ratio);
      redraw();
    };
    size();
    const ro = new ResizeObserver(size);
    ro.observe(c);
    return () => ro.disconnect();
  }, []);

  const emit = () => {
    setCount(strokes.current.length);
    onChange(strokes.current.length ? canvas.current!.toDataURL('image/png') : null);
  };
  const at = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    try {
      // keep the stroke when the finger leaves the box; a pointer that is already gone cannot be captured
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* drawn without capture */
    }
    current.current = [at(e)];
    redraw();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!current.current) return;
    e.preventDefault();
    current.current.push(at(e));
    redraw();
  };
  const up = () => {
    if (!current.current) return;
    strokes.current.push(current.current);
    current.current = null;
    redraw();
    emit();
  };

  return (
    <div>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {t('hint')}
      </Typography.Text>
      <canvas
        ref={canvas}
        role="img"
        aria-label={t('canvas')}
        data-testid="handwriting-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        style={{
          width: '100%',
          height: HEIGHT,
          display: 'block',
          touchAction: 'none',
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          background: '#fffdf5',
          cursor: 'crosshair',
        }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          size="small"
          icon={<UndoOutlined />}
          disabled={count === 0}
          onClick={() => {
            strokes.current.pop();
            redraw();
            emit();
          }}
          data-testid="handwriting-undo"
        >
          {t('undo')}
        </Button>
        <Button
          size="small"
          icon={<ClearOutlined />}
          disabled={count === 0}
          onClick={() => {
            strokes.current = [];
            redraw();
            emit();
          }}
          data-testid="handwriting-clear"
        >
          {t('clear')}
        </Button>
      </Space>
    </div>
  );
}

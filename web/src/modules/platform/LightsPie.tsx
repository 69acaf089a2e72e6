/**
 * Donut of green / yellow / red to-dos, drawn as plain SVG: three arcs need no chart library (ECharts
 * was 128 KiB of compressed JS on the 工作台, the first page everyone opens). A screen reader reads the
 * figure's name and the legend beside it, which carries the numbers.
 */
import { Flex } from 'antd';

/** One slice. */
export interface Slice {
  name: string;
  value: number;
  color: string;
}

const R = 60; // the ring's middle radius
const WIDTH = 28;
const CIRCUMFERENCE = 2 * Math.PI * R;

export default function LightsPie({ slices, label }: { slices: Slice[]; label: string }) {
  const total = slices.reduce((s, x) => s + x.value, 0);
  let offset = 0;
  const arcs = slices
    .filter((s) => s.value > 0)
    .map((s) => {
      const length = (s.value / total) * CIRCUMFERENCE;
      const arc = { ...s, dash: `${length} ${CIRCUMFERENCE - length}`, offset: -offset };
      offset += length;
      return arc;
    });
  const summary = `${label}：${slices.map((s) => `${s.name} ${s.value}`).join('，')}`;
  return (
    <Flex vertical align="center" gap={8} style={{ height: 180 }} data-testid="lights-pie">
      <svg viewBox="0 0 160 160" width={136} height={136} role="img" aria-label={summary}>
        <g transform="rotate(-90 80 80)">
          <circle cx={80} cy={80} r={R} fill="none" stroke="#f0f0f0" strokeWidth={WIDTH} />
          {arcs.map((a) => (
            <circle key={a.name} cx={80} cy={80} r={R} fill="none" stroke={a.color} strokeWidth={WIDTH} strokeDasharray={a.dash} strokeDashoffset={a.offset}>
              <title>{`${a.name}: ${a.value} (${Math.round((a.value / total) * 100)}%)`}</title>
            </circle>
          ))}
        </g>
        <text x={80} y={80} textAnchor="middle" dominantBaseline="central" fontSize={28} fontWeight={600} fill="rgba(0, 0, 0, 0.88)">
          {total}
        </text>
      </svg>
      <Flex gap={12} wrap justify="center" aria-hidden>
        {slices.map((s) => (
          <span key={s.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, color: 'rgba(0, 0, 0, 0.88)' }}>
            <span style={{ width: 10, height: 10, borderRadius: '50%', background: s.color, display: 'inline-block' }} />
            {s.name} {s.value}
          </span>
        ))}
      </Flex>
    </Flex>
  );
}

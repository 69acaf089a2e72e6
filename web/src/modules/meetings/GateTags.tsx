/** Gate status at a glance: one small tag per gate of the checklist. */
import { Space, Tag, Tooltip } from 'antd';
import { GATE_COLORS, GATE_STATE_NAMES, type GateView } from './api.ts';

/** Short names of the gates for the at-a-glance view. */
const SHORT: Record<string, string> = {
  situation_clear: '情况明',
  legal_review: '程序合法',
  expert_review: '专家论证',
  democratic: '民主讨论',
  consensus: '协商一致',
  materials_ready: '材料齐备',
  research_done: '调研摸底',
};

/** One tag per gate, coloured by state. */
export default function GateTags({ gates }: { gates: GateView[] }) {
  return (
    <Space size={2} wrap>
      {gates.map((g) => (
        <Tooltip
          key={g.key}
          title={`${g.zh}：${GATE_STATE_NAMES[g.state]}${g.units.length ? `（${g.units.map((u) => `${u.unitName}${GATE_STATE_NAMES[u.state]}`).join('，')}）` : ''}`}
        >
          <Tag
            color={GATE_COLORS[g.state]}
            variant={g.state === 'not_required' ? 'outlined' : 'filled'}
            data-gate={g.key}
            data-state={g.state}
            style={g.state === 'not_required' ? { textDecoration: 'line-through' } : undefined}
          >
            {g.state === 'passed' ? '✓' : g.state === 'dissent' ? '✗' : '○'} {SHORT[g.key] ?? g.zh}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

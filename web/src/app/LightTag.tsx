/** Traffic light of a time limit (绿灯/黄灯/红灯), shared by the workbench and module lists. */
import { Tag } from 'antd';
import type { Light } from '../../../common/enums.ts';
import { useT } from './i18n.ts';

/** Names and colours of the lights. */
export const lightMessages = {
  green: ['正常', 'On track'],
  yellow: ['临期', 'Due soon'],
  red: ['超期', 'Overdue'],
  none: ['无时限', 'No limit'],
  on_time: ['按期办结', 'Finished on time'],
  overdue: ['逾期办结', 'Finished late'],
} as const;

/** Tag colour and chart colour of each light. */
export const LIGHT_COLORS: Record<Light, { tag: string; hex: string; text: string }> = {
  // solid tags: white on deep green and red, dark text on the yellow (each ≥ 4.5:1)
  green: { tag: '#237804', hex: '#52c41a', text: '#ffffff' },
  yellow: { tag: '#faad14', hex: '#faad14', text: 'rgba(0, 0, 0, 0.88)' },
  red: { tag: '#cf1322', hex: '#f5222d', text: '#ffffff' },
  none: { tag: 'default', hex: '#bfbfbf', text: 'rgba(0, 0, 0, 0.88)' },
};

/** A coloured tag naming the light; a finished item or task shows the light it kept (按期/逾期办结) instead of 无时限. */
export function LightTag({ light, finished }: { light: Light; finished?: 'on_time' | 'overdue' | null }) {
  const t = useT(lightMessages);
  if (finished)
    return (
      <Tag color={finished === 'on_time' ? 'success' : 'error'} data-light={finished}>
        {t(finished)}
      </Tag>
    );
  return (
    <Tag
      color={LIGHT_COLORS[light].tag}
      variant={light === 'none' ? 'outlined' : 'solid'}
      style={light === 'none' ? undefined : { color: LIGHT_COLORS[light].text }}
      data-light={light}
    >
      {t(light)}
    </Tag>
  );
}

/**
 * Traffic light of a time limit (绿灯/黄灯/红灯), shared by the workbench and module lists: a plain span in
 * antd's Tag look (index.html: .zs-light). antd's Tag made its styles and ran its hooks for each of a list's
 * 20 rows on the first paint of the 工作台 and 督办台账 on a phone (issue #22).
 */
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

/** Tag colour (as .zs-light draws it) and chart colour of each light. */
export const LIGHT_COLORS: Record<Light, { tag: string; hex: string }> = {
  green: { tag: '#237804', hex: '#52c41a' },
  yellow: { tag: '#faad14', hex: '#faad14' },
  red: { tag: '#cf1322', hex: '#f5222d' },
  none: { tag: 'default', hex: '#bfbfbf' },
};

/** A coloured tag naming the light; a finished item or task shows the light it kept (按期/逾期办结) instead of 无时限. */
export function LightTag({ light, finished }: { light: Light; finished?: 'on_time' | 'overdue' | null }) {
  const t = useT(lightMessages);
  const kind = finished ?? light;
  return (
    <span className={`zs-light zs-light-${kind}`} data-light={kind}>
      {t(kind)}
    </span>
  );
}

/** The handwriting of a 批示, as the authorized route serves it (only to readers of the item). */
import { useT } from '../../app/i18n.ts';
import { padTexts } from './requests-text.ts';

/** The image, as wide as its container allows (`compact`: a thumbnail for tables). */
export default function HandwritingImage({ instructionId, leaderName, compact }: { instructionId: number; leaderName: string; compact?: boolean }) {
  const t = useT(padTexts);
  return (
    <img
      src={`/api/information/instructions/${instructionId}/handwriting`}
      alt={leaderName ? t('image', { name: leaderName }) : t('label')}
      data-testid={`handwriting-image-${instructionId}`}
      style={{
        display: 'block',
        marginTop: 8,
        maxWidth: compact ? 140 : '100%',
        height: 'auto',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        background: '#fffdf5',
      }}
    />
  );
}

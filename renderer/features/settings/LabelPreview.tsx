import { useTranslation } from 'react-i18next';
import type { LabelSize, ShelfLabelData } from '../../../shared/bridge/contract';
import { ShelfLabel } from '../../label/ShelfLabel';
import { getBridge } from '../../bridge';
import { useNotices } from '../../app/notices';
import { useLanguage } from '../../app/useLanguage';
import { useBuilding } from '../../data/hooks';
import { formatCompactDateTime } from '../../../shared/i18n/format';

/** A sample label at the chosen size, and a test print of it. */
export function LabelPreview({ size }: { size: LabelSize }) {
  const { t } = useTranslation();
  const show = useNotices((state) => state.show);
  const language = useLanguage();
  const building = useBuilding();
  const sample: ShelfLabelData = {
    unitLabel: '12B',
    recipientName: 'José Núñez',
    shortCode: 'K7P2QX',
    receivedAtText: formatCompactDateTime(new Date().toISOString(), language, building?.timeZone ?? 'UTC'),
    flags: [t('packages.flags.fragile')],
    location: 'A1',
    carrierText: 'UPS',
    captions: { received: t('label.received'), shelf: t('label.shelf') },
  };
  return (
    <div className="label-preview">
      <div className="label-preview-frame">
        <ShelfLabel label={sample} size={size} />
      </div>
      <button
        type="button"
        onClick={() =>
          void getBridge()
            .printLabel({ label: sample, silent: false, pdfDialogTitle: t('print.pdfDialogTitle') })
            .then((result) => {
              if (result.outcome === 'failed') show({ tone: 'error', text: t('print.failed', { reason: result.reason }) });
              else if (result.outcome === 'savedPdf') show({ tone: 'success', text: t('print.savedPdf') });
            })
        }
      >
        {t('settings.testPrint')}
      </button>
    </div>
  );
}

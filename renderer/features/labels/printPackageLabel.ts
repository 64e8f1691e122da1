import i18next, { type TFunction } from 'i18next';
import { formatCompactDateTime } from '../../../shared/i18n/format';
import { shelfLabelData } from '../../../shared/packages/label';
import { courierDisplayName } from '../../../shared/packages/carrier';
import { Language } from '../../../shared/domain/model';
import type { ShelfLabelData } from '../../../shared/bridge/contract';
import { deskDatabase } from '../../data/database';
import { getBridge } from '../../bridge';
import { useDeskSettings } from '../../app/deskSettings';
import { useNotices } from '../../app/notices';
import { logEvent } from '../../app/log';

/** Builds the shelf label of a saved package, in the staff member's language and building time. */
export async function labelForPackage(packageId: string, t: TFunction): Promise<ShelfLabelData | null> {
  const db = deskDatabase();
  const pkg = await db.packages.get(packageId);
  if (!pkg) return null;
  const [resident, unit, building] = await Promise.all([db.residents.get(pkg.residentId), db.units.get(pkg.unitId), db.buildings.toCollection().first()]);
  if (!resident || !unit) return null;
  const language = Language.catch('en').parse(i18next.resolvedLanguage);
  return shelfLabelData(pkg, resident, unit, {
    receivedAt: formatCompactDateTime(pkg.receivedAt, language, building?.timeZone ?? 'UTC'),
    flag: (flag) => t(`packages.flags.${flag}`),
    captions: { received: t('label.received'), shelf: t('label.shelf') },
    carrier: pkg.carrier === 'unknown' ? '' : (courierDisplayName(pkg.carrier) ?? pkg.carrier),
  });
}

/** Prints through the bridge: silently to the configured printer on the desktop, else a dialog. */
export async function printPackageLabel(packageId: string, t: TFunction): Promise<void> {
  const show = useNotices.getState().show;
  const label = await labelForPackage(packageId, t);
  if (!label) return;
  const { printerName } = useDeskSettings.getState().settings;
  try {
    const result = await getBridge().printLabel({ label, silent: printerName !== null, pdfDialogTitle: t('print.pdfDialogTitle') });
    logEvent('info', 'label.print', { outcome: result.outcome });
    if (result.outcome === 'printed') show({ tone: 'success', text: t('print.printed', { printer: result.printerName ?? '' }) });
    else if (result.outcome === 'failed') show({ tone: 'error', text: t('print.failed', { reason: result.reason }) });
    else if (result.outcome === 'cancelled') show({ tone: 'info', text: t('print.cancelled') });
    else if (result.outcome === 'savedPdf') show({ tone: 'success', text: t('print.savedPdf') });
  } catch (error) {
    logEvent('error', 'label.print.failed', { error: error instanceof Error ? error.name : 'unknown' });
    show({ tone: 'error', text: t('print.failed', { reason: error instanceof Error ? error.message : String(error) }) });
  }
}

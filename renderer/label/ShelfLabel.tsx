import { useEffect, useRef } from 'react';
import JsBarcode from 'jsbarcode';
import type { LabelSize, ShelfLabelData } from '../../shared/bridge/contract';

export interface ShelfLabelProps {
  label: ShelfLabelData;
  size: LabelSize;
}

/**
 * The physical shelf label, laid out in millimetres so it prints at the label's true size. Type
 * sizes follow the label's dimensions so one layout serves 62×29 mm rolls and 4×6 in labels.
 */
export function ShelfLabel({ label, size }: ShelfLabelProps) {
  const barcode = useRef<SVGSVGElement>(null);
  const metrics = labelMetrics(label, size);
  useEffect(() => {
    if (!barcode.current) return;
    JsBarcode(barcode.current, label.shortCode, { format: 'CODE128', displayValue: false, margin: 0, height: 40, width: 2 });
    barcode.current.removeAttribute('width');
    barcode.current.removeAttribute('height');
  }, [label.shortCode]);

  return (
    <div
      className="shelf-label"
      data-testid="shelf-label"
      style={{ width: `${size.widthMm}mm`, height: `${size.heightMm}mm`, fontSize: `${metrics.baseFontMm}mm` }}
    >
      <span className="label-unit" data-testid="label-unit" style={{ fontSize: `${metrics.unitFontMm}mm` }}>
        {label.unitLabel}
      </span>
      <span className="label-name" data-testid="label-name">
        {label.recipientName}
      </span>
      <span className="label-meta">
        {label.captions.received} {label.receivedAtText}
        {label.location && ` · ${label.captions.shelf} ${label.location}`}
      </span>
      {label.flags.length > 0 && (
        <div className="label-flags" data-testid="label-flags">
          {label.flags.map((flag) => (
            <span key={flag} className="label-flag">
              {flag}
            </span>
          ))}
        </div>
      )}
      <div className="label-code">
        <svg ref={barcode} className="label-barcode" data-testid="label-barcode" preserveAspectRatio="none" style={{ height: `${metrics.barcodeHeightMm}mm` }} />
        <span className="label-short-code" data-testid="label-code">
          {label.shortCode}
        </span>
        {label.carrierText && <span className="label-carrier">{label.carrierText}</span>}
      </div>
    </div>
  );
}

/**
 * Type sizes from the label's dimensions: the unit is as large as the label allows (it is read
 * from across the room) but shrinks for long unit labels so the name keeps room beside it.
 */
export function labelMetrics(label: ShelfLabelData, size: LabelSize) {
  const scale = Math.min(size.heightMm, size.widthMm * 0.5);
  const unitCharacters = Math.max(3, [...label.unitLabel].length);
  const unitFontMm = Math.min(scale * 0.3, (size.widthMm * 0.42) / (unitCharacters * 0.62));
  return {
    unitFontMm,
    baseFontMm: Math.max(2.3, scale * 0.1),
    barcodeHeightMm: Math.max(6, Math.min(size.heightMm * 0.22, 18)),
  };
}

import { useEffect, useRef } from 'react';
import JsBarcode from 'jsbarcode';
import type { LabelSize, ShelfLabelData } from '../../shared/bridge/contract';

export interface ShelfLabelProps {
  label: ShelfLabelData;
  size: LabelSize;
}

/**
 * The physical shelf label, laid out in millimetres so it prints at the label's true size. Font
 * sizes follow the label's height so the same layout serves 62×29 mm rolls and 4×6 in labels.
 */
export function ShelfLabel({ label, size }: ShelfLabelProps) {
  const barcode = useRef<SVGSVGElement>(null);
  const unit = Math.min(size.heightMm, size.widthMm * 0.5);
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
      style={{ width: `${size.widthMm}mm`, height: `${size.heightMm}mm`, fontSize: `${Math.max(2.2, unit * 0.11)}mm` }}
    >
      <div className="label-top">
        <span className="label-unit" data-testid="label-unit" style={{ fontSize: `${unit * 0.3}mm` }}>
          {label.unitLabel}
        </span>
        <span className="label-meta">
          <span className="label-name" data-testid="label-name">
            {label.recipientName}
          </span>
          <span className="label-date">
            {label.captions.received}: {label.receivedAtText}
          </span>
          {label.location && (
            <span className="label-location">
              {label.captions.shelf}: {label.location}
            </span>
          )}
        </span>
      </div>
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
        <svg ref={barcode} className="label-barcode" data-testid="label-barcode" preserveAspectRatio="none" />
        <span className="label-short-code" data-testid="label-code">
          {label.shortCode}
        </span>
        {label.carrierText && <span className="label-carrier">{label.carrierText}</span>}
      </div>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';
import { strokesToSvgPath } from './signaturePath';

/**
 * On-screen signature (mouse, pen or finger). The strokes are kept as compact SVG path data rather
 * than a bitmap: a few kilobytes that scale on any report.
 */
export function SignatureField({ required, onChange }: { required: boolean; onChange: (path: string | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const signaturePad = new SignaturePad(element, { minWidth: 0.8, maxWidth: 2.2 });
    signaturePad.addEventListener('endStroke', () => onChangeRef.current(strokesToSvgPath(signaturePad.toData())));
    pad.current = signaturePad;
    return () => signaturePad.off();
  }, []);

  return (
    <fieldset className="signature-field">
      <legend>
        {t('release.signature')}
        {required && <span className="required"> *</span>}
      </legend>
      <p className="hint">{required ? t('release.signatureRequired') : t('release.signatureHint')}</p>
      <canvas ref={canvas} className="signature-canvas" data-testid="signature-canvas" aria-label={t('release.signatureHint')} />
      <button
        type="button"
        className="small"
        onClick={() => {
          pad.current?.clear();
          onChangeRef.current(null);
        }}
      >
        {t('release.clearSignature')}
      </button>
    </fieldset>
  );
}

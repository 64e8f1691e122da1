import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { LabelSize } from '../../shared/bridge/contract';
import { labelWindowWebPreferences } from '../security/webPreferences';

// The hidden window a label is laid out and printed from: no preload (so no bridge), sandboxed,
// sized to the label at 96 CSS px per inch so the page's layout matches the printed size.

const CSS_PX_PER_MM = 96 / 25.4;

export function labelWindowOptions(size: LabelSize, parent: BrowserWindow | null): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: Math.max(100, Math.ceil(size.widthMm * CSS_PX_PER_MM)),
    height: Math.max(100, Math.ceil(size.heightMm * CSS_PX_PER_MM)),
    // A parent lets the print dialog attach to the visible desk window (a sheet on macOS).
    ...(parent === null ? {} : { parent }),
    skipTaskbar: true,
    focusable: false,
    webPreferences: labelWindowWebPreferences(),
  };
}

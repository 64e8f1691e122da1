import { createRoot } from 'react-dom/client';
import { LABEL_INVALID_TITLE, LABEL_READY_TITLE, parseLabelPageFragment } from '../../shared/bridge/labelPage';
import { ShelfLabel } from './ShelfLabel';
import './label.css';

// label.html: renders one shelf label from its URL fragment, sized for the label stock, and
// signals readiness through the title so the host (Electron main or the browser build) can print.
const request = parseLabelPageFragment(window.location.hash);
const root = document.getElementById('label-root');
if (root && request) {
  // A constructed stylesheet, not a <style> element: the CSP allows no inline styles.
  const page = new CSSStyleSheet();
  page.replaceSync(`@page { size: ${request.size.widthMm}mm ${request.size.heightMm}mm; margin: 0; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  createRoot(root).render(<ShelfLabel label={request.label} size={request.size} />);
  void document.fonts.ready.then(() => requestAnimationFrame(() => (document.title = LABEL_READY_TITLE)));
} else {
  document.title = LABEL_INVALID_TITLE;
}

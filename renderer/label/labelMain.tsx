import { createRoot } from 'react-dom/client';
import { ShelfLabel } from './ShelfLabel';
import { parseLabelPageHash } from './labelPage';
import './label.css';

// label.html: renders one shelf label from its URL fragment, sized for the label stock, and
// signals readiness through the title so the host (Electron main or the browser build) can print.
const request = parseLabelPageHash(window.location.hash);
const root = document.getElementById('label-root');
if (root && request) {
  const page = document.createElement('style');
  page.textContent = `@page { size: ${request.size.widthMm}mm ${request.size.heightMm}mm; margin: 0; }`;
  document.head.append(page);
  createRoot(root).render(<ShelfLabel label={request.label} size={request.size} />);
  void document.fonts.ready.then(() => requestAnimationFrame(() => (document.title = 'label-ready')));
} else {
  document.title = 'label-invalid';
}

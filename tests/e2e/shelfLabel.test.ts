import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LABEL_PRESETS, type LabelSize, type ShelfLabelData } from '../../shared/bridge/contract';
import { labelPageFragment } from '../../shared/bridge/labelPage';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startDeskServer, type DeskServer } from './support/deskServer';
import { SCREENSHOT_DIR } from './support/desk';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] shelf label suite skipped: ${skipReason}`);

// The worst case a label must survive: a long unit, the longest name the label data allows, every flag.
const crowded: ShelfLabelData = {
  unitLabel: 'PH-2540',
  recipientName: 'Maximiliano Fernández-Villave…',
  shortCode: 'K7P2QX',
  receivedAtText: '27 nov, 23:59',
  flags: ['Perecedero', 'Refrigerar', 'Frágil', 'Firma requerida', 'Alto valor'],
  location: 'Estante B-12',
  carrierText: 'Canada Post',
  captions: { received: 'Recibido', shelf: 'Estante' },
};

const MM_PER_PX = 25.4 / 96;

describe.skipIf(skipReason !== null)('shelf label layout, rendered in Chromium', () => {
  let server: DeskServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDeskServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 800, height: 800 }, deviceScaleFactor: 2 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(size: LabelSize, label: ShelfLabelData = crowded): Promise<void> {
    await page.goto('about:blank'); // a new document per label, as the printing hosts load it
    await page.goto(`${server.url}label.html${labelPageFragment({ label, size })}`);
    await page.waitForFunction(() => document.title === 'label-ready' || document.title === 'label-invalid');
  }

  it.each(Object.entries(LABEL_PRESETS))('%s: everything fits inside the label and nothing overlaps', async (name, size) => {
    await open(size);
    expect(await page.title()).toBe('label-ready');
    const label = await page.getByTestId('shelf-label').boundingBox();
    if (!label) throw new Error('no label');
    expect(label.width * MM_PER_PX).toBeCloseTo(size.widthMm, 0);
    expect(label.height * MM_PER_PX).toBeCloseTo(size.heightMm, 0);
    const parts = ['label-unit', 'label-name', 'label-flags', 'label-barcode', 'label-code'];
    const boxes = [];
    for (const part of parts) {
      const box = await page.getByTestId(part).boundingBox();
      if (!box) throw new Error(`${part} is not visible`);
      expect(box.x).toBeGreaterThanOrEqual(label.x - 0.5);
      expect(box.y).toBeGreaterThanOrEqual(label.y - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(label.x + label.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(label.y + label.height + 0.5);
      boxes.push({ part, ...box });
    }
    // The barcode must be wide and tall enough for a hand scanner (≥ 25 mm by ≥ 5 mm).
    const barcode = boxes.find((box) => box.part === 'label-barcode');
    expect((barcode?.width ?? 0) * MM_PER_PX).toBeGreaterThanOrEqual(25);
    expect((barcode?.height ?? 0) * MM_PER_PX).toBeGreaterThanOrEqual(5);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
        expect(overlap, `${a.part} overlaps ${b.part}`).toBe(false);
      }
    }
    // The unit is never cut, and the recipient's name keeps a readable share of the width.
    expect(await page.getByTestId('label-unit').evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    const nameBox = boxes.find((box) => box.part === 'label-name');
    expect(nameBox?.width ?? 0).toBeGreaterThanOrEqual(label.width * 0.4);
    // The unit is the largest text on the label: it is what the doorperson reads from a distance.
    const unitSize = await page.getByTestId('label-unit').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    const nameSize = await page.getByTestId('label-name').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(unitSize).toBeGreaterThan(nameSize * 1.5);
    await page.getByTestId('shelf-label').screenshot({ path: `${SCREENSHOT_DIR}/label-${name}.png` });
  });

  it('prints to a PDF page of exactly the label size', async () => {
    const size = LABEL_PRESETS['dk-62x29'];
    await open(size);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(mediaBox).not.toBeNull();
    const [widthPt, heightPt] = [Number(mediaBox?.[1]), Number(mediaBox?.[2])];
    expect((widthPt / 72) * 25.4).toBeCloseTo(size.widthMm, 0);
    expect((heightPt / 72) * 25.4).toBeCloseTo(size.heightMm, 0);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  });

  it('refuses a tampered or malformed label request instead of printing garbage', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}label.html#${encodeURIComponent('{"label":{"unitLabel":"<img src=x onerror=alert(1)>"}}')}`);
    await page.waitForFunction(() => document.title === 'label-invalid');
    expect(await page.getByTestId('shelf-label').count()).toBe(0);
  });
});

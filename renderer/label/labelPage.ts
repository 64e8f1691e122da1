import { z } from 'zod';
import { LabelSize, LABEL_PRESETS, ShelfLabelData } from '../../shared/bridge/contract';

/** What label.html is asked to show, carried in its URL fragment (never sent to any server). */
export const LabelPageRequest = z.object({
  label: ShelfLabelData,
  size: LabelSize.default(LABEL_PRESETS['dk-62x29']),
});
export type LabelPageRequest = z.infer<typeof LabelPageRequest>;

export function labelPageHash(request: LabelPageRequest): string {
  return `#${encodeURIComponent(JSON.stringify(request))}`;
}

export function parseLabelPageHash(hash: string): LabelPageRequest | null {
  try {
    const parsed = LabelPageRequest.safeParse(JSON.parse(decodeURIComponent(hash.replace(/^#/, ''))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

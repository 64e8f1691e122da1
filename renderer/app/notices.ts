import { create } from 'zustand';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export interface NoticeAction {
  label: string;
  shortcut?: string;
  run: () => void;
}

export interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
  action?: NoticeAction;
  /** Errors stay until dismissed; the rest fade after this many ms. */
  timeoutMs: number | null;
}

interface NoticeState {
  notices: Notice[];
  show(notice: Omit<Notice, 'id' | 'timeoutMs'> & { timeoutMs?: number | null }): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  show(notice) {
    const id = nextId++;
    const timeoutMs = notice.timeoutMs === undefined ? (notice.tone === 'error' ? null : 6_000) : notice.timeoutMs;
    // A new confirmation replaces the previous one: at a busy desk a pile of "Saved" toasts would
    // hide the list they confirm. Warnings and errors stack (at most four stay on screen).
    const kept = notice.tone === 'success' ? get().notices.filter((existing) => existing.tone !== 'success' || existing.action) : get().notices;
    set({ notices: [...kept.slice(-3), { ...notice, id, timeoutMs }] });
    if (timeoutMs !== null) setTimeout(() => get().dismiss(id), timeoutMs);
    return id;
  },
  dismiss(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
  },
}));

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotices } from './notices';

/** Toasts, announced to screen readers; an action (e.g. Undo) can also be triggered by its shortcut. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useNotices((state) => state.notices);
  const dismiss = useNotices((state) => state.dismiss);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const withShortcut = [...notices].reverse().find((notice) => notice.action?.shortcut && matchesShortcut(event, notice.action.shortcut));
      if (withShortcut?.action) {
        event.preventDefault();
        withShortcut.action.run();
        dismiss(withShortcut.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [notices, dismiss]);

  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          {notice.action && (
            <button
              onClick={() => {
                notice.action?.run();
                dismiss(notice.id);
              }}
            >
              {notice.action.label}
              {notice.action.shortcut && <kbd>{notice.action.shortcut}</kbd>}
            </button>
          )}
          <button className="dismiss" aria-label={t('common.dismiss')} onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.at(-1)?.toLowerCase();
  return event.key.toLowerCase() === key && event.ctrlKey === parts.includes('Ctrl') && event.shiftKey === parts.includes('Shift');
}

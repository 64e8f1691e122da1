import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_WINDOWS, nextWindow, type DayForm, type WindowForm } from './amenityForm';

/**
 * A season's opening hours: per weekday, "Closed" or up to four windows, each added or removed with
 * its own button. Tab order follows the row: Closed, each window's times and its remove button,
 * then "+ Window". Adding moves the focus into the new window; removing moves it to the day's
 * first field, so the keyboard never falls back to the top of the dialog.
 */
export function OpeningHoursEditor({
  days,
  weekdays,
  pathOf,
  invalid,
  error,
  onChange,
}: {
  days: readonly DayForm[];
  weekdays: readonly string[];
  /** The error path of a window: "seasons.<i>.days.<day>.<window>". */
  pathOf: (day: number, window: number) => string;
  invalid: (path: string) => { 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  error: (path: string) => ReactNode;
  onChange: (days: DayForm[]) => void;
}) {
  const { t } = useTranslation();
  const table = useRef<HTMLTableElement>(null);
  const focusLater = (selector: string) => setTimeout(() => table.current?.querySelector<HTMLElement>(selector)?.focus(), 0);

  return (
    <table className="report-table amenity-hours" ref={table}>
      <tbody>
        {days.map((day, index) => {
          const update = (change: Partial<DayForm>) => onChange(days.map((each, position) => (position === index ? { ...each, ...change } : each)));
          const updateWindow = (at: number, change: Partial<WindowForm>) => update({ windows: day.windows.map((window, position) => (position === at ? { ...window, ...change } : window)) });
          const name = weekdays[index] ?? '';
          return (
            <tr key={index} data-testid={`hours-${index}`}>
              <th scope="row">{name}</th>
              <td>
                <label className="checkbox">
                  <input type="checkbox" checked={day.closed} onChange={(event) => update({ closed: event.target.checked })} aria-label={t('amenityEditor.closed', { day: name })} /> {t('amenityEditor.closedShort')}
                </label>
              </td>
              <td className="amenity-windows">
                {day.windows.map((window, at) => {
                  const path = pathOf(index, at);
                  const n = at + 1;
                  return (
                    <span key={at} className="amenity-window" data-testid="opening-window">
                      <input aria-label={t('amenityEditor.windowOpens', { day: name, n })} data-day={index} data-window={at} value={window.open} size={5} maxLength={5} disabled={day.closed} onChange={(event) => updateWindow(at, { open: event.target.value })} {...invalid(path)} />
                      {'–'}
                      <input aria-label={t('amenityEditor.windowCloses', { day: name, n })} value={window.close} size={5} maxLength={5} disabled={day.closed} onChange={(event) => updateWindow(at, { close: event.target.value })} {...invalid(path)} />
                      {day.windows.length > 1 && !day.closed && (
                        <button
                          type="button"
                          className="small icon"
                          aria-label={t('amenityEditor.removeWindow', { day: name, n })}
                          title={t('amenityEditor.removeWindow', { day: name, n })}
                          onClick={() => {
                            update({ windows: day.windows.filter((_, position) => position !== at) });
                            focusLater(`input[data-day="${index}"][data-window="0"]`);
                          }}
                        >
                          ×
                        </button>
                      )}
                      {error(path)}
                    </span>
                  );
                })}
                {!day.closed && day.windows.length < MAX_WINDOWS && (
                  <button
                    type="button"
                    className="small"
                    aria-label={t('amenityEditor.addWindow', { day: name })}
                    onClick={() => {
                      update({ windows: [...day.windows, nextWindow(day.windows)] });
                      focusLater(`input[data-day="${index}"][data-window="${day.windows.length}"]`);
                    }}
                  >
                    {t('amenityEditor.addWindowShort')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { useMemo, useState, type KeyboardEvent } from 'react';
import type { RecipientCandidate } from '../../../shared/search/recipients';
import { useDirectory } from '../../data/hooks';

/**
 * Find a resident by unit or name, as a package's recipient is found: type, move with the arrow
 * keys, Enter picks. One combobox for every screen that acts for a resident (bookings, privacy).
 */
export function ResidentPicker({ id, label, onPick, hint }: { id: string; label: string; onPick: (choice: RecipientCandidate) => void; hint?: string }) {
  const directory = useDirectory();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (directory && text.trim() ? directory.index.search(text, 8) : []), [directory, text]);
  const listId = `${id}-matches`;

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined && matches.length > 0) {
      event.preventDefault();
      setActive((current) => Math.max(0, Math.min(matches.length - 1, current + move)));
    } else if (event.key === 'Enter' && matches[active]) {
      event.preventDefault();
      onPick(matches[active]);
    }
  }

  return (
    <>
      <label className="resident-picker">
        {label}
        <input
          id={id}
          value={text}
          autoFocus
          autoComplete="off"
          maxLength={60}
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
      </label>
      <ul id={listId} role="listbox" className="history-choices" aria-label={label}>
        {matches.map((match, position) => (
          <li
            key={match.resident.id}
            id={`${listId}-${position}`}
            role="option"
            aria-selected={position === active}
            className={position === active ? 'recipient-option selected' : 'recipient-option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(match)}
          >
            <span className="unit-label">{match.unit.label}</span> {match.resident.firstName} {match.resident.lastName}
          </li>
        ))}
      </ul>
      {text.trim() !== '' && matches.length === 0 && hint && <p className="hint">{hint}</p>}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { RecipientMatch } from '../../../shared/search/recipients';

export function RecipientOption({ match, selected, onPick }: { match: RecipientMatch; selected: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const { resident, unit } = match;
  return (
    <li
      id={`recipient-${resident.id}`}
      role="option"
      aria-selected={selected}
      className={selected ? 'recipient-option selected' : 'recipient-option'}
      onMouseDown={(event) => {
        event.preventDefault();
        onPick();
      }}
    >
      <span className="unit-label">{unit.label}</span>
      <span className="resident-name">
        {resident.firstName} {resident.lastName}
      </span>
      {match.matchedBy === 'proxy' && <span className="hint">{t('release.proxy')}</span>}
    </li>
  );
}

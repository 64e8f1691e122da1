import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Unit } from '../../../shared/domain/model';
import { UpsertUnitArgs } from '../../../shared/mutations/directory';
import { newId } from '../../../shared/platform/globals';
import { compareUnitLabels, normalizeUnit } from '../../../shared/search/recipients';
import { useDirectory } from '../../data/hooks';
import { useCommit } from '../../data/useCommit';
import { useNotices } from '../../app/notices';
import { Field } from './Field';
import { fieldErrorsOf, hasErrors, isNewRequest, type FieldErrors } from './forms';
import { focusFirstInvalid } from './ResidentForm';

const ROW_HEIGHT = 44;

type Editing = { kind: 'new'; id: string } | { kind: 'edit'; id: string } | null;

/** The building's units: find one by its label, change its label or floor, or add a new one. */
export function UnitsTab({ newRequest }: { newRequest: number }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<Editing>(null);
  const filter = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const seenRequest = useRef(newRequest);

  useEffect(() => {
    if (isNewRequest(seenRequest, newRequest)) setEditing({ kind: 'new', id: newId() });
  }, [newRequest]);

  const residentsByUnit = useMemo(() => {
    const counts = new Map<string, number>();
    for (const resident of directory?.residents ?? []) counts.set(resident.unitId, (counts.get(resident.unitId) ?? 0) + 1);
    return counts;
  }, [directory]);

  const rows = useMemo(() => {
    const wanted = normalizeUnit(query);
    return [...(directory?.units ?? [])].filter((unit) => normalizeUnit(unit.label).startsWith(wanted)).sort((a, b) => compareUnitLabels(a.label, b.label));
  }, [directory, query]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  function onListKey(event: KeyboardEvent<HTMLElement>) {
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + move));
      setActive(next);
      virtualizer.scrollToIndex(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const unit = rows[active];
      if (unit) setEditing({ kind: 'edit', id: unit.id });
    }
  }

  function closeEditor() {
    setEditing(null);
    // Back to the search, its text selected: typing starts the next search.
    filter.current?.select();
  }

  const edited = editing?.kind === 'edit' ? directory?.unitsById.get(editing.id) : undefined;
  const activeUnit = rows[active];

  return (
    <div className="manage-grid">
      <div className="manage-list">
        <div className="filters" role="search">
          <label>
            {t('manage.units.filter')}
            <input
              ref={filter}
              value={query}
              maxLength={16}
              autoFocus
              autoComplete="off"
              aria-controls="manage-unit-list"
              aria-activedescendant={activeUnit ? `manage-unit-${activeUnit.id}` : undefined}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
                virtualizer.scrollToIndex(0);
              }}
              onKeyDown={onListKey}
            />
          </label>
          <button type="button" onClick={() => setEditing({ kind: 'new', id: newId() })}>
            {t('manage.units.new')}
            <kbd>Alt+N</kbd>
          </button>
          <span className="count">{t('manage.units.count', { count: rows.length })}</span>
        </div>
        <div className="table-head manage-unit-columns" aria-hidden="true">
          <span>{t('manage.units.columns.label')}</span>
          <span>{t('manage.units.columns.floor')}</span>
          <span>{t('manage.units.columns.residents')}</span>
        </div>
        <div ref={scroller} id="manage-unit-list" className="virtual-list" role="listbox" tabIndex={-1} aria-label={t('manage.tabs.units')} onKeyDown={onListKey} data-testid="manage-unit-list">
          {directory && rows.length === 0 && <p className="hint empty">{t('manage.units.noMatch')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const unit = rows[item.index];
              if (!unit) return null;
              const selected = editing?.kind === 'edit' && editing.id === unit.id;
              return (
                <div
                  key={unit.id}
                  id={`manage-unit-${unit.id}`}
                  role="option"
                  aria-selected={selected}
                  className={`manage-row manage-unit-columns${item.index === active ? ' active' : ''}${selected ? ' selected' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setActive(item.index);
                    setEditing({ kind: 'edit', id: unit.id });
                  }}
                >
                  <span className="unit-label">{unit.label}</span>
                  <span>{unit.floor}</span>
                  <span>{residentsByUnit.get(unit.id) ?? 0}</span>
                </div>
              );
            })}
          </div>
        </div>
        <p className="hint">{t('manage.units.listHint')}</p>
      </div>
      <div className="manage-editor">
        {editing?.kind === 'new' && <UnitForm key={editing.id} unitId={editing.id} unit={undefined} onDone={closeEditor} />}
        {editing?.kind === 'edit' && edited && <UnitForm key={edited.id} unitId={edited.id} unit={edited} onDone={closeEditor} />}
        {editing === null && <p className="card hint">{t('manage.units.pickHint')}</p>}
      </div>
    </div>
  );
}

function UnitForm({ unitId, unit, onDone }: { unitId: string; unit: Unit | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const commit = useCommit();
  const show = useNotices((state) => state.show);
  const [label, setLabel] = useState(unit?.label ?? '');
  const [floor, setFloor] = useState(unit ? String(unit.floor) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => firstField.current?.focus(), []);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const args = { unitId, label, floor: floor.trim() === '' ? Number.NaN : Number(floor) };
    const found = fieldErrorsOf(UpsertUnitArgs, args);
    if (floor.trim() === '') found.floor = 'text.required';
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const parsed = UpsertUnitArgs.parse(args);
    setSaving(true);
    const committed = await commit([{ name: 'upsertUnit', args: parsed }]);
    setSaving(false);
    if (!committed) return;
    show({ tone: 'success', text: t(unit ? 'manage.units.saved' : 'manage.units.added', { label: parsed.label }) });
    onDone();
  }

  return (
    <form
      className="card manage-form"
      onSubmit={save}
      noValidate
      aria-labelledby="unit-form-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <h2 id="unit-form-title">{unit ? t('manage.units.editTitle', { label: unit.label }) : t('manage.units.newTitle')}</h2>
      <div className="form-grid">
        <Field form="unit" path="label" label={t('manage.units.label')} value={label} onChange={setLabel} errors={errors} inputRef={firstField} maxLength={16} autoComplete="off" hint={t('manage.units.labelHint')} />
        <Field form="unit" path="floor" type="number" inputMode="numeric" min={-10} max={300} step={1} label={t('manage.units.floor')} value={floor} onChange={setFloor} errors={errors} />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {unit ? t('manage.units.save') : t('manage.units.create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('manage.cancel')}
          <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

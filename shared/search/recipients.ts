import type { Resident, Unit } from '../domain/model';
import { foldForSearch } from '../domain/text';

export interface RecipientCandidate {
  resident: Resident;
  unit: Unit;
}

export interface RecipientMatch extends RecipientCandidate {
  /** Lower is better; exposed for tests and for highlighting why something matched. */
  score: number;
  matchedBy: 'unit' | 'name' | 'proxy';
}

interface IndexedRecipient extends RecipientCandidate {
  unitKey: string;
  nameTokens: string[];
  fullName: string;
  proxyNames: string[];
  order: number;
}

// Scores, best first. Unit matches beat name matches because doorpersons read the unit off the
// label; an exact unit beats a prefix, a name-token prefix beats a substring.
const SCORE = { unitExact: 0, unitPrefix: 10, namePrefix: 20, nameSubstring: 30, proxy: 40 } as const;

export interface RecipientIndex {
  search(query: string, limit?: number): RecipientMatch[];
  readonly size: number;
}

/**
 * An in-memory index over residents and their units. Everything is folded once (case, accents), so
 * each keystroke is a linear scan of small strings: well under a millisecond for 2,500 residents.
 */
export function buildRecipientIndex(units: readonly Unit[], residents: readonly Resident[]): RecipientIndex {
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const indexed: IndexedRecipient[] = [];
  for (const resident of residents) {
    const unit = unitsById.get(resident.unitId);
    if (!unit) continue;
    const fullName = foldForSearch(`${resident.firstName} ${resident.lastName}`);
    indexed.push({
      resident,
      unit,
      unitKey: normalizeUnit(unit.label),
      nameTokens: fullName.split(/[\s'’-]+/u).filter(Boolean),
      fullName,
      proxyNames: resident.authorizedPickups.map((pickup) => foldForSearch(pickup.name)),
      order: 0,
    });
  }
  indexed.sort((a, b) => compareUnitLabels(a.unit.label, b.unit.label) || NAME_ORDER.compare(a.fullName, b.fullName));
  indexed.forEach((entry, position) => (entry.order = position));

  return {
    size: indexed.length,
    search(query, limit = 8) {
      const terms = foldForSearch(query)
        .split(/\s+/u)
        .filter(Boolean)
        .slice(0, 4)
        .map((text) => ({ text, unit: normalizeUnit(text) }));
      if (terms.length === 0) return [];
      const wholeQueryAsUnit = normalizeUnit(query);
      // Keep only the best `limit` while scanning: "1" matches most of a tower, and sorting
      // a thousand matches to show eight is most of the cost of a keystroke.
      const best: RecipientMatch[] = [];
      for (const entry of indexed) {
        const match = scoreWholeQueryAsUnit(entry, wholeQueryAsUnit, terms.length) ?? scoreEntry(entry, terms);
        if (!match) continue;
        const score = match.score * 100_000 + entry.order;
        if (best.length === limit && score >= (best[limit - 1]?.score ?? Infinity)) continue;
        let position = best.length;
        while (position > 0 && (best[position - 1]?.score ?? 0) > score) position--;
        best.splice(position, 0, { resident: entry.resident, unit: entry.unit, score, matchedBy: match.by });
        if (best.length > limit) best.pop();
      }
      return best;
    },
  };
}

/** "12 b" typed with a space is still unit 12B, though it is two terms. */
function scoreWholeQueryAsUnit(entry: IndexedRecipient, unitQuery: string, termCount: number): { score: number; by: 'unit' } | null {
  if (termCount < 2 || unitQuery.length === 0) return null;
  if (entry.unitKey === unitQuery) return { score: SCORE.unitExact, by: 'unit' };
  if (entry.unitKey.startsWith(unitQuery)) return { score: SCORE.unitPrefix, by: 'unit' };
  return null;
}

interface Term {
  text: string;
  /** The term as a unit label would be normalized, computed once per search. */
  unit: string;
}

function scoreEntry(entry: IndexedRecipient, terms: Term[]): { score: number; by: RecipientMatch['matchedBy'] } | null {
  let total = 0;
  let by: RecipientMatch['matchedBy'] = 'name';
  for (const [position, term] of terms.entries()) {
    const termScore = scoreTerm(entry, term);
    if (termScore === null) return null;
    if (position === 0) by = termScore.by;
    total += termScore.score;
  }
  return { score: total, by };
}

function scoreTerm(entry: IndexedRecipient, { text: term, unit: unitTerm }: Term): { score: number; by: RecipientMatch['matchedBy'] } | null {
  if (unitTerm.length > 0 && entry.unitKey === unitTerm) return { score: SCORE.unitExact, by: 'unit' };
  if (unitTerm.length > 0 && entry.unitKey.startsWith(unitTerm)) return { score: SCORE.unitPrefix, by: 'unit' };
  if (entry.nameTokens.some((token) => token.startsWith(term))) return { score: SCORE.namePrefix, by: 'name' };
  if (term.length >= 3 && entry.fullName.includes(term)) return { score: SCORE.nameSubstring, by: 'name' };
  if (term.length >= 3 && entry.proxyNames.some((name) => name.split(/\s+/u).some((token) => token.startsWith(term)))) {
    return { score: SCORE.proxy, by: 'proxy' };
  }
  return null;
}

/** "12-b", "12 B" and "#12b" are the same unit to a person typing. */
export function normalizeUnit(label: string): string {
  return foldForSearch(label).replace(/[^a-z0-9]/g, '');
}

// One collator each, built once: localeCompare with options builds a new one on every call.
const UNIT_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const NAME_ORDER = new Intl.Collator('en');

/** Natural order for unit labels: 2A before 10A, 101 before 1001. */
export function compareUnitLabels(a: string, b: string): number {
  return UNIT_ORDER.compare(a, b);
}

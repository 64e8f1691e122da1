// Node-side helpers of the desk benchmark: realistic recipient queries, the cheapest key sequence
// that saves a package to a given resident, and fresh tracking numbers. Pure and seeded.

import type { Resident, Unit } from '../../shared/domain/model';
import { foldForSearch } from '../../shared/domain/text';
import { createRandom, weightedPicker, type Random } from '../../shared/demo/random';
import { generateTrackingNumber, TRACKING_FORMAT_WEIGHTS } from '../../shared/demo/tracking';
import type { RecipientIndex } from '../../shared/search/recipients';

/** How many options the Receive screen lists (DraftPanel's MAX_MATCHES). */
export const VISIBLE_OPTIONS = 8;

/** Characters a bench can type as real key presses on a US layout (others bypass keydown). */
const TYPABLE = /^[a-z0-9 ]+$/;

/** The index's own tokenizer: folded full name split on spaces, apostrophes and hyphens. */
export function nameTokens(resident: Resident): string[] {
  return foldForSearch(`${resident.firstName} ${resident.lastName}`).split(/[\s'’-]+/u).filter(Boolean);
}

function rawTokens(resident: Resident): string[] {
  return `${resident.firstName} ${resident.lastName}`.split(/[\s'’-]+/u).filter(Boolean);
}

export type QueryKind = 'unit prefix' | 'name prefix' | 'name prefix, accents' | 'two terms';
export const QUERY_KINDS: readonly QueryKind[] = ['unit prefix', 'name prefix', 'name prefix, accents', 'two terms'];

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

function prefix(text: string, random: Random, min: number, max: number): string {
  const length = Math.min(text.length, random.int(min, max));
  return text.slice(0, length);
}

/**
 * `count` queries as a doorperson types them, a quarter of each kind: unit prefixes (1–4 chars),
 * folded name prefixes (2–5), name prefixes as written with accents and capitals (2–5, from names
 * that have accents), and two-term queries ("unit name" or "first last" prefixes).
 */
export function recipientQueries(units: readonly Unit[], residents: readonly Resident[], count: number, seed: number): BenchQuery[] {
  const random = createRandom(seed).fork('bench.desk.queries');
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const accented = residents.filter((resident) => foldForSearch(`${resident.firstName}${resident.lastName}`) !== `${resident.firstName}${resident.lastName}`.toLowerCase());
  const withAccentToken = accented.length > 0 ? accented : residents;
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length] as QueryKind;
    if (kind === 'unit prefix') {
      queries.push({ kind, text: prefix(random.pick(units).label, random, 1, 4) });
    } else if (kind === 'name prefix') {
      queries.push({ kind, text: prefix(random.pick(nameTokens(random.pick(residents))), random, 2, 5) });
    } else if (kind === 'name prefix, accents') {
      const tokens = rawTokens(random.pick(withAccentToken));
      const withAccent = tokens.filter((token) => foldForSearch(token) !== token.toLowerCase());
      const token = random.pick(withAccent.length > 0 ? withAccent : tokens);
      // Long enough to include the first accented letter when it is within 5 characters.
      const firstAccent = [...token].findIndex((char) => foldForSearch(char) !== char.toLowerCase());
      const min = firstAccent >= 0 && firstAccent < 5 ? Math.max(2, firstAccent + 1) : 2;
      queries.push({ kind, text: prefix(token, random, min, 5) });
    } else {
      const resident = random.pick(residents);
      const tokens = nameTokens(resident);
      const unit = unitsById.get(resident.unitId);
      const last = tokens[tokens.length - 1] ?? '';
      queries.push({
        kind,
        text: random.chance(0.5) && unit ? `${prefix(unit.label, random, 1, 4)} ${prefix(last, random, 1, 3)}` : `${prefix(tokens[0] ?? '', random, 1, 3)} ${prefix(last, random, 2, 4)}`,
      });
    }
  }
  return queries;
}

export interface KeyPlan {
  residentId: string;
  /** What to type after the scan, before the arrows. */
  query: string;
  arrowDowns: number;
  /** query.length + arrowDowns + 1 (the Enter that chooses and saves). */
  keys: number;
  family: 'unit' | 'name' | 'unit + name';
}

/**
 * The cheapest key sequence that saves to `resident`: over the unit label's prefixes, each folded
 * name token's prefixes and "unit + space + name-token prefix", the query whose results list the
 * resident within the visible options, minimizing typed characters + ArrowDowns + 1 Enter.
 * Ties go to the shorter query (fewer chances of a typo), then to the first candidate found.
 */
export function cheapestKeys(index: RecipientIndex, resident: Resident, unit: Unit): KeyPlan | null {
  const label = unit.label.toLowerCase();
  const candidates: { query: string; family: KeyPlan['family'] }[] = [];
  for (let length = 1; length <= label.length; length++) candidates.push({ query: label.slice(0, length), family: 'unit' });
  for (const token of nameTokens(resident)) {
    for (let length = 1; length <= token.length; length++) {
      const tokenPrefix = token.slice(0, length);
      candidates.push({ query: tokenPrefix, family: 'name' });
      candidates.push({ query: `${label} ${tokenPrefix}`, family: 'unit + name' });
    }
  }
  const seen = new Set<string>();
  let best: KeyPlan | null = null;
  for (const { query, family } of candidates.sort((a, b) => a.query.length - b.query.length)) {
    if (seen.has(query) || !TYPABLE.test(query) || query.trim() !== query) continue;
    seen.add(query);
    if (best && query.length + 1 >= best.keys) break; // sorted by length: nothing cheaper follows
    const position = index.search(query, VISIBLE_OPTIONS).findIndex((match) => match.resident.id === resident.id);
    if (position < 0) continue;
    const keys = query.length + position + 1;
    if (!best || keys < best.keys) best = { residentId: resident.id, query, arrowDowns: position, keys, family };
  }
  return best;
}

/** `count` distinct valid tracking numbers in the carriers' real mix, none of them in `taken`. */
export function freshTrackingNumbers(count: number, seed: number, accept: (number: string) => boolean, taken: ReadonlySet<string> = new Set()): string[] {
  const random = createRandom(seed).fork('bench.desk.tracking');
  const formats = weightedPicker(TRACKING_FORMAT_WEIGHTS);
  const numbers: string[] = [];
  const seen = new Set(taken);
  for (let attempt = 0; numbers.length < count; attempt++) {
    if (attempt > count * 100) throw new Error('could not generate enough fresh tracking numbers');
    const { number } = generateTrackingNumber(random, formats.pick(random));
    if (seen.has(number) || !accept(number)) continue;
    seen.add(number);
    numbers.push(number);
  }
  return numbers;
}

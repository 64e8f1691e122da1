/*
 * Carrier detection for scanned or typed tracking numbers.
 *
 * Driven entirely by the public courier definitions in ./couriers (see README.md there): each
 * format's regex says what the number looks like, its checksum says which check digit it must
 * carry, and its lookups (service types, country codes...) say which field values exist. A scan
 * is normalised (separators, case, label-barcode prefixes), tried against every format, and the
 * matches are ranked so that the most plausible reading comes first.
 */
import {
  COURIER_DEFINITIONS,
  type AdditionalLookup,
  type ChecksumConfig,
  type CourierDefinition,
  type LookupEntry,
  type TrackingNumberFormat,
} from './carrier-definitions';
import { checkDigitAlphabetSize, verifyCheckDigit } from './carrier-checksums';
import { translateRubyRegex } from './carrier-regex';

export { CHECKSUM_ALGORITHMS } from './carrier-checksums';

/** Longest input considered at all; the longest real format (FedEx 34 with spaces) fits easily. */
export const MAX_SCAN_LENGTH = 80;

/** The destination ZIP carried by a USPS `420` routing prefix (GS1 application identifier 420). */
export interface UspsRouting {
  readonly zip: string;
  readonly zipPlus4: string | null;
}

/** A row found in one of the format's `additional` lookup tables, e.g. a UPS service type. */
export interface LookupHit {
  /** The table's name in the definitions: "Service Type", "Country Code", "Courier"... */
  readonly table: string;
  /** The value read from the number (the regex group the table is keyed on). */
  readonly value: string;
  /** The row's descriptive columns (name, description, country, courier...). */
  readonly entry: Readonly<Record<string, string>>;
}

export interface CarrierMatch {
  /** The courier's `courier_code` in the definitions, e.g. "ups", "fedex", "s10". */
  readonly courier: string;
  /** Display name: the courier's name, or for S10 numbers the issuing postal service when known. */
  readonly courierName: string;
  /** The format's id in the definitions (its name where upstream gives no id). */
  readonly format: string;
  readonly formatName: string;
  /** Upper case, separators and any routing prefix removed: what to store and to track with. */
  readonly trackingNumber: string;
  /**
   * True when the number passes every check its format defines: the check digit where the format
   * has one, and the lookups the format requires (an S10 number's country must exist). A format
   * without a check digit passes on its shape alone; `hasCheckDigit` tells the two apart.
   */
  readonly checksumValid: boolean;
  readonly hasCheckDigit: boolean;
  /** The check digit's verdict alone; null when the format has none. */
  readonly checkDigitValid: boolean | null;
  /** The serial the check digit covers, after the format's `prepend_if` rule. */
  readonly serialNumber: string;
  readonly checkDigit: string | null;
  /** Lookup rows found for this number (service type, country, container type...). */
  readonly lookups: readonly LookupHit[];
  /** Lookups the format requires that found no row (why `checksumValid` is false despite the digit). */
  readonly missingRequiredLookups: readonly string[];
  /** Present when the scan carried a USPS `420` + ZIP routing prefix, which is not part of the number. */
  readonly routing: UspsRouting | null;
  /** The carrier's public tracking page for this number, when the definitions give one. */
  readonly trackingUrl: string | null;
  /**
   * How strongly the format constrains this scan, in bits: fixed characters, restricted
   * characters, lookup rows found and a passing check digit all add to it. Used for ranking.
   */
  readonly specificity: number;
  /** Every named regex group that matched (ServiceType, ShipperId, DestinationZip...). */
  readonly groups: Readonly<Record<string, string>>;
}

export type NotTrackingReason =
  /** Nothing left after removing spaces and separators. */
  | 'empty'
  /** Longer than MAX_SCAN_LENGTH: a pasted blob or a 2D label code, not a tracking number. */
  | 'tooLong'
  /** Characters no tracking number has (control characters, emoji, other scripts). */
  | 'invalidCharacters'
  /** Shaped like a known format, but its check digit or a required field is wrong: a misread. */
  | 'failedValidation'
  /** No known format has this shape: some other barcode on the label. */
  | 'unrecognized';

export type ScanDescription =
  | {
      readonly kind: 'tracking';
      readonly normalized: string;
      /** The best reading: `matches[0]`. */
      readonly best: CarrierMatch;
      /** Every reading, best first; valid ones precede invalid ones. */
      readonly matches: readonly CarrierMatch[];
    }
  | {
      /** A bare USPS `420` + ZIP barcode: the routing code printed above the tracking barcode. */
      readonly kind: 'uspsRoutingOnly';
      readonly normalized: string;
      readonly routing: UspsRouting;
      /** Unlikely other readings of the same digits (a 12-digit FedEx number, say), best first. */
      readonly matches: readonly CarrierMatch[];
    }
  | {
      readonly kind: 'notTracking';
      readonly normalized: string;
      readonly reason: NotTrackingReason;
      /** Near misses (for 'failedValidation'), best first; empty otherwise. */
      readonly matches: readonly CarrierMatch[];
    };

/** Every supported format, for pickers and documentation. */
export interface CarrierFormatInfo {
  readonly courier: string;
  readonly courierName: string;
  readonly format: string;
  readonly formatName: string;
  readonly hasCheckDigit: boolean;
}

// ---------------------------------------------------------------------------------------------
// Compiling the definitions

interface CompiledLookup {
  readonly table: string;
  readonly group: string;
  readonly entries: readonly LookupEntry[];
  /** Exact `matches` value → index of the first row with it. */
  readonly exact: ReadonlyMap<string, number>;
  /** Rows keyed by `matches_regex`, in table order. */
  readonly patterns: ReadonlyArray<{ readonly index: number; readonly pattern: RegExp }>;
}

interface CompiledFormat {
  readonly order: number;
  readonly courier: string;
  readonly courierName: string;
  readonly format: string;
  readonly formatName: string;
  /** Anchored, with match indices (to locate a routing prefix inside the match). */
  readonly matcher: RegExp;
  /** The same pattern without indices: cheaper, for the many probes of `specificityOf`. */
  readonly probe: RegExp;
  readonly checksum: ChecksumConfig | null;
  readonly prependIf: { readonly pattern: RegExp; readonly content: string } | null;
  readonly lookups: readonly CompiledLookup[];
  readonly requiredLookups: readonly string[];
  readonly trackingUrl: string | null;
}

/** Joins a definition's regex (a string or a list of pieces) and compiles it as a whole-string match. */
function compileFormatPattern(regex: TrackingNumberFormat['regex'], extraFlags: string): RegExp {
  const ruby = typeof regex === 'string' ? regex : regex.join('');
  const { source, flags } = translateRubyRegex(ruby);
  // Upstream anchors with ^...$ around the bare pattern; the group keeps a top-level | anchored too.
  return new RegExp(`^(?:${source})$`, flags + extraFlags);
}

/** Lookup and prepend_if regexes are searches, not whole-string matches (Ruby's =~ and #match). */
function compileSearchPattern(ruby: string): RegExp {
  const { source, flags } = translateRubyRegex(ruby);
  return new RegExp(source, flags);
}

function compileLookup(lookup: AdditionalLookup): CompiledLookup {
  const exact = new Map<string, number>();
  const patterns: Array<{ index: number; pattern: RegExp }> = [];
  lookup.lookup.forEach((entry, index) => {
    if (entry.matches !== undefined) {
      if (!exact.has(entry.matches)) exact.set(entry.matches, index);
    } else if (entry.matches_regex !== undefined) {
      patterns.push({ index, pattern: compileSearchPattern(entry.matches_regex) });
    }
  });
  return { table: lookup.name, group: lookup.regex_group_name, entries: lookup.lookup, exact, patterns };
}

function compileFormat(courier: CourierDefinition, format: TrackingNumberFormat, order: number): CompiledFormat {
  const prependIf = format.validation.serial_number_format?.prepend_if;
  return {
    order,
    courier: courier.courier_code,
    courierName: courier.name,
    format: format.id ?? format.name,
    formatName: format.name,
    matcher: compileFormatPattern(format.regex, 'd'),
    probe: compileFormatPattern(format.regex, ''),
    checksum: format.validation.checksum ?? null,
    prependIf: prependIf ? { pattern: compileSearchPattern(prependIf.matches_regex), content: prependIf.content } : null,
    lookups: (format.additional ?? []).map(compileLookup),
    requiredLookups: format.validation.additional?.exists ?? [],
    trackingUrl: format.tracking_url ?? null,
  };
}

const FORMATS: readonly CompiledFormat[] = COURIER_DEFINITIONS.flatMap((courier) =>
  courier.tracking_numbers.map((format) => ({ courier, format })),
).map(({ courier, format }, order) => compileFormat(courier, format, order));

export const CARRIER_FORMATS: readonly CarrierFormatInfo[] = FORMATS.map((format) => ({
  courier: format.courier,
  courierName: format.courierName,
  format: format.format,
  formatName: format.formatName,
  hasCheckDigit: format.checksum !== null,
}));

// ---------------------------------------------------------------------------------------------
// Normalising a scan

type NormalizedScan =
  | { readonly ok: true; readonly compact: string; readonly withDashes: string }
  | { readonly ok: false; readonly reason: 'empty' | 'tooLong' | 'invalidCharacters' };

/**
 * AIM symbology identifier (ISO/IEC 15424) that scanners configured to transmit it put first:
 * `]C1` GS1-128, `]d2` GS1 DataMatrix, `]Q3` GS1 QR, `]e0` GS1 DataBar...
 */
const SYMBOLOGY_IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;
/** FNC1 as transmitted inside GS1 data (ASCII group separator). */
const FNC1 = /\u001d/g;
/** Hyphen and dash look-alikes (typed on phones or pasted from e-mails) all become '-'. */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
/** Layout characters people and labels put between digit groups; Code 39's '*' start/stop too. */
const SEPARATORS = /[\s._/()*]/g;

function normalizeScan(raw: string): NormalizedScan {
  if (raw.length > MAX_SCAN_LENGTH) return { ok: false, reason: 'tooLong' };
  const withDashes = raw
    // Full-width digits and letters (IME input) become ASCII; NBSP becomes a space.
    .normalize('NFKC')
    .trim()
    .replace(SYMBOLOGY_IDENTIFIER, '')
    .replace(FNC1, '')
    .replace(DASHES, '-')
    .replace(SEPARATORS, '')
    .toUpperCase();
  if (/[^A-Z0-9-]/.test(withDashes)) return { ok: false, reason: 'invalidCharacters' };
  const compact = withDashes.replace(/-/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  return { ok: true, compact, withDashes };
}

// ---------------------------------------------------------------------------------------------
// Candidate readings of a scan

interface Candidate {
  readonly text: string;
  /** Routing prefix removed before matching, if any. */
  readonly routing: UspsRouting | null;
  /** Specificity the removed prefix contributes (its '420' and ZIP digits are constrained too). */
  readonly prefixBits: number;
  /** Lower is preferred when readings are otherwise equal: the scan as is, then stripped ones. */
  readonly preference: number;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const FIXED_CHARACTER_BITS = Math.log2(ALPHABET.length);
const DIGIT_BITS = Math.log2(ALPHABET.length / 10);

/** `420` + 5-digit ZIP, optionally + 4: GS1 AI 420 "ship to postal code", as on USPS IMpb labels. */
const ROUTING_PREFIX = /^420([0-9]{5})([0-9]{4})?/;
const ROUTING_ONLY = /^420([0-9]{5})([0-9]{4})?$/;

function routingPrefixBits(zipDigits: number): number {
  return 3 * FIXED_CHARACTER_BITS + zipDigits * DIGIT_BITS;
}

/**
 * The readings to try: the scan itself; without its dashes if it has any (only LaserShip's
 * "-1" piece suffix is part of a number); and, for combined USPS label barcodes, the number
 * after a `420` + ZIP or ZIP+4 prefix. Both prefix lengths are tried because the digits alone
 * cannot tell a ZIP+4 from the start of the tracking number; ranking picks the better reading.
 */
function candidatesOf(scan: { compact: string; withDashes: string }): Candidate[] {
  const candidates: Candidate[] = [{ text: scan.compact, routing: null, prefixBits: 0, preference: 0 }];
  if (scan.withDashes !== scan.compact) {
    candidates.push({ text: scan.withDashes, routing: null, prefixBits: 0, preference: 1 });
  }
  const routing = ROUTING_PREFIX.exec(scan.compact);
  const zip = routing?.[1];
  if (zip === undefined) return candidates;
  if (scan.compact.length > 8) {
    const routing5 = { zip, zipPlus4: null };
    candidates.push({ text: scan.compact.slice(8), routing: routing5, prefixBits: routingPrefixBits(5), preference: 2 });
  }
  const plus4 = routing?.[2];
  if (plus4 !== undefined && scan.compact.length > 12) {
    const routing9 = { zip, zipPlus4: plus4 };
    candidates.push({ text: scan.compact.slice(12), routing: routing9, prefixBits: routingPrefixBits(9), preference: 3 });
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// Evaluating one format against one candidate

const ROUTING_GROUPS = ['RoutingApplicationId', 'DestinationZip', 'DestinationZipPlus4'] as const;

interface RankedMatch {
  readonly match: CarrierMatch;
  readonly preference: number;
  readonly order: number;
}

/** Named groups that took part in the match, with any whitespace inside them removed. */
function matchedGroups(match: RegExpExecArray): Record<string, string> {
  const groups: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.groups ?? {})) {
    if (value !== undefined) groups[name] = value.replace(/\s+/g, '');
  }
  return groups;
}

/** First lookup row for `value`, in table order, whether keyed exactly or by regex. */
function findLookupEntry(lookup: CompiledLookup, value: string): LookupEntry | null {
  let best = lookup.exact.get(value) ?? Number.POSITIVE_INFINITY;
  for (const { index, pattern } of lookup.patterns) {
    if (index >= best) break;
    if (pattern.test(value)) {
      best = index;
      break;
    }
  }
  return Number.isFinite(best) ? (lookup.entries[best] ?? null) : null;
}

/** A row's descriptive columns: the keys are not needed by callers, nulls are dropped. */
function describeEntry(entry: LookupEntry): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key !== 'matches' && key !== 'matches_regex' && typeof value === 'string') columns[key] = value;
  }
  return columns;
}

function lookupHits(format: CompiledFormat, groups: Readonly<Record<string, string>>): LookupHit[] {
  const hits: LookupHit[] = [];
  for (const lookup of format.lookups) {
    const value = groups[lookup.group];
    const entry = value === undefined ? null : findLookupEntry(lookup, value);
    if (value !== undefined && entry) hits.push({ table: lookup.table, value, entry: describeEntry(entry) });
  }
  return hits;
}

/**
 * Where the tracking number starts inside the match: after the routing prefix when the format's
 * own regex consumed one (the USPS formats accept `420` + ZIP themselves).
 */
function routingPrefixEnd(match: RegExpExecArray): number {
  let end = 0;
  for (const name of ROUTING_GROUPS) {
    const span = match.indices?.groups?.[name];
    if (span) end = Math.max(end, span[1]);
  }
  return end;
}

function routingFromGroups(groups: Readonly<Record<string, string>>): UspsRouting | null {
  const zip = groups['DestinationZip'];
  if (groups['RoutingApplicationId'] === undefined || zip === undefined) return null;
  return { zip, zipPlus4: groups['DestinationZipPlus4'] ?? null };
}

/** The serial the checksum covers: `prepend_if` restores digits some labels leave out (OnTrac, USPS 91). */
function serialNumberOf(format: CompiledFormat, groups: Readonly<Record<string, string>>): string {
  const serial = groups['SerialNumber'] ?? '';
  const rule = format.prependIf;
  return rule && rule.pattern.test(serial) ? rule.content + serial : serial;
}

function checkDigitVerdict(format: CompiledFormat, serial: string, checkDigit: string | null): boolean | null {
  if (format.checksum === null) return null;
  return checkDigit !== null && verifyCheckDigit(format.checksum, serial, checkDigit);
}

/**
 * Whether `text` still fits the format, and still finds a row in each lookup table that the
 * original found one in. Used to measure how much each position of a scan is constrained.
 */
function fitsShape(format: CompiledFormat, text: string, hitTables: ReadonlySet<string>): boolean {
  const match = format.probe.exec(text);
  if (!match) return false;
  if (hitTables.size === 0) return true;
  const groups = match.groups ?? {};
  return format.lookups.every((lookup) => {
    if (!hitTables.has(lookup.table)) return true;
    const value = groups[lookup.group]?.replace(/\s+/g, '');
    return value !== undefined && findLookupEntry(lookup, value) !== null;
  });
}

/**
 * Specificity in bits: for every character, how many of the 36 possible characters the format
 * (regex and matched lookups) would accept in its place — a fixed prefix letter accepts one
 * (≈5.2 bits), a digit-only position ten (≈1.9 bits), an alphanumeric position all (0). A valid
 * check digit adds the odds of it being right by chance. This measures, from the definitions
 * alone, how unlikely it is that the scan fits the format by accident, so "1Z…" outranks "any 18
 * digits" without hand-kept priorities.
 */
function specificityOf(
  format: CompiledFormat,
  candidate: Candidate,
  hitTables: ReadonlySet<string>,
  checkDigitValid: boolean | null,
): number {
  const text = candidate.text;
  let bits = candidate.prefixBits;
  for (let position = 0; position < text.length; position += 1) {
    const before = text.slice(0, position);
    const after = text.slice(position + 1);
    let accepted = 0;
    for (const character of ALPHABET) {
      if (character === text[position] || fitsShape(format, before + character + after, hitTables)) accepted += 1;
    }
    // A character outside the alphabet (a dash) only accepts itself.
    bits += Math.log2(ALPHABET.length / Math.max(accepted, 1));
  }
  if (checkDigitValid === true && format.checksum) bits += Math.log2(checkDigitAlphabetSize(format.checksum));
  return bits;
}

function trackingUrlFor(format: CompiledFormat, trackingNumber: string): string | null {
  return format.trackingUrl === null ? null : format.trackingUrl.replace('%s', encodeURIComponent(trackingNumber));
}

/** The issuing postal service for S10 numbers (their "Courier" lookup), else the courier's name. */
function courierNameOf(format: CompiledFormat, lookups: readonly LookupHit[]): string {
  return lookups.find((hit) => hit.entry['courier'] !== undefined)?.entry['courier'] ?? format.courierName;
}

function evaluate(format: CompiledFormat, candidate: Candidate): RankedMatch | null {
  const match = format.matcher.exec(candidate.text);
  if (!match) return null;
  const groups = matchedGroups(match);
  const serialNumber = serialNumberOf(format, groups);
  const checkDigit = groups['CheckDigit'] ?? null;
  const checkDigitValid = checkDigitVerdict(format, serialNumber, checkDigit);
  const lookups = lookupHits(format, groups);
  const missingRequiredLookups = format.requiredLookups.filter((table) => !lookups.some((hit) => hit.table === table));
  const trackingNumber = candidate.text.slice(routingPrefixEnd(match));
  const hitTables = new Set(lookups.map((hit) => hit.table));
  return {
    preference: candidate.preference,
    order: format.order,
    match: {
      courier: format.courier,
      courierName: courierNameOf(format, lookups),
      format: format.format,
      formatName: format.formatName,
      trackingNumber,
      checksumValid: checkDigitValid !== false && missingRequiredLookups.length === 0,
      hasCheckDigit: format.checksum !== null,
      checkDigitValid,
      serialNumber,
      checkDigit,
      lookups,
      missingRequiredLookups,
      routing: candidate.routing ?? routingFromGroups(groups),
      trackingUrl: trackingUrlFor(format, trackingNumber),
      specificity: specificityOf(format, candidate, hitTables, checkDigitValid),
      groups,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Ranking

/** Valid before invalid; then the more specific reading; then the scan as is; then definition order. */
function compareRanked(a: RankedMatch, b: RankedMatch): number {
  if (a.match.checksumValid !== b.match.checksumValid) return a.match.checksumValid ? -1 : 1;
  const specificity = b.match.specificity - a.match.specificity;
  if (Math.abs(specificity) > 1e-9) return specificity;
  if (a.preference !== b.preference) return a.preference - b.preference;
  return a.order - b.order;
}

/** One entry per format and number: the same number reached through two readings counts once. */
function withoutDuplicates(ranked: readonly RankedMatch[]): CarrierMatch[] {
  const seen = new Set<string>();
  const unique: CarrierMatch[] = [];
  for (const { match } of ranked) {
    const key = `${match.format}\u0000${match.trackingNumber}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(match);
    }
  }
  return unique;
}

function detectNormalized(scan: { compact: string; withDashes: string }): CarrierMatch[] {
  const ranked: RankedMatch[] = [];
  for (const candidate of candidatesOf(scan)) {
    for (const format of FORMATS) {
      const result = evaluate(format, candidate);
      if (result) ranked.push(result);
    }
  }
  return withoutDuplicates(ranked.sort(compareRanked));
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Every format a scanned or typed code fits, best first: checksum-valid readings before invalid
 * ones, and among them the most specific (fixed prefixes, known service codes) first. Tolerates
 * spaces, dashes, lower case, GS1 symbology prefixes and USPS `420`+ZIP routing prefixes. Returns
 * an empty list for anything else, including input longer than MAX_SCAN_LENGTH; never throws.
 */
export function detectCarrier(raw: string): CarrierMatch[] {
  const scan = normalizeScan(raw);
  return scan.ok ? detectNormalized(scan) : [];
}

/**
 * Classifies a scan for the desk UI: a tracking number (with its readings), the bare USPS routing
 * barcode that sits above the tracking barcode on USPS labels, or something else (and why).
 */
export function describeScan(raw: string): ScanDescription {
  const scan = normalizeScan(raw);
  if (!scan.ok) return { kind: 'notTracking', normalized: '', reason: scan.reason, matches: [] };
  const matches = detectNormalized(scan);
  const routingOnly = ROUTING_ONLY.exec(scan.compact);
  const zip = routingOnly?.[1];
  // Checked before the matches: a 420 + ZIP+4 barcode is twelve digits and can pass a 12-digit
  // FedEx check by chance, but on a desk it is far more often the USPS routing code.
  if (zip !== undefined) {
    const routing = { zip, zipPlus4: routingOnly?.[2] ?? null };
    return { kind: 'uspsRoutingOnly', normalized: scan.compact, routing, matches };
  }
  const best = matches[0];
  if (best?.checksumValid) return { kind: 'tracking', normalized: scan.compact, best, matches };
  return {
    kind: 'notTracking',
    normalized: scan.compact,
    reason: best ? 'failedValidation' : 'unrecognized',
    matches,
  };
}

const COURIER_NAMES: ReadonlyMap<string, string> = new Map(CARRIER_FORMATS.map((format) => [format.courier, format.courierName]));

/** The display name of a stored courier code ("canada_post" → "Canada Post"); null when unknown. */
export function courierDisplayName(courier: string): string | null {
  return COURIER_NAMES.get(courier) ?? null;
}

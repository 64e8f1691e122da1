import { z } from 'zod';
// The courier definitions are bundled, not read at run time: shared/ runs in the renderer as well
// as in Node, so there is no file system to read them from. See couriers/README.md for their origin.
import amazon from './couriers/amazon.json' with { type: 'json' };
import canadaPost from './couriers/canadapost.json' with { type: 'json' };
import canpar from './couriers/canpar.json' with { type: 'json' };
import dhl from './couriers/dhl.json' with { type: 'json' };
import dpd from './couriers/dpd.json' with { type: 'json' };
import fedex from './couriers/fedex.json' with { type: 'json' };
import gofo from './couriers/gofo.json' with { type: 'json' };
import landmark from './couriers/landmark.json' with { type: 'json' };
import lasership from './couriers/lasership.json' with { type: 'json' };
import oldDominion from './couriers/old_dominion.json' with { type: 'json' };
import ontrac from './couriers/ontrac.json' with { type: 'json' };
import purolator from './couriers/purolator.json' with { type: 'json' };
import s10 from './couriers/s10.json' with { type: 'json' };
import speedee from './couriers/speedee.json' with { type: 'json' };
import ups from './couriers/ups.json' with { type: 'json' };
import usps from './couriers/usps.json' with { type: 'json' };
import yodel from './couriers/yodel.json' with { type: 'json' };
import yunexpress from './couriers/yunexpress.json' with { type: 'json' };

/*
 * Schemas for the public "tracking_number_data" courier files. Only the fields detection uses are
 * kept (zod drops the rest, such as test_numbers and glossaries). Fields the upstream format treats
 * as optional stay optional here, so that refreshing the files from upstream keeps working.
 */

const Mod10Checksum = z.object({
  name: z.literal('mod10'),
  modulo: z.number().int().positive().optional(),
  evens_multiplier: z.number().int().optional(),
  odds_multiplier: z.number().int().optional(),
  reverse: z.boolean().optional(),
});

const Mod7Checksum = z.object({
  name: z.literal('mod7'),
  modulo: z.number().int().positive().optional(),
});

const S10Checksum = z.object({
  name: z.literal('s10'),
  weightings: z.array(z.number().int()).min(1).optional(),
  modulo: z.number().int().positive().optional(),
});

const SumProductChecksum = z.object({
  name: z.literal('sum_product_with_weightings_and_modulo'),
  weightings: z.array(z.number().int()).min(1),
  modulo1: z.number().int().positive(),
  modulo2: z.number().int().positive(),
});

const LuhnChecksum = z.object({
  name: z.literal('luhn'),
  modulo: z.number().int().positive().optional(),
});

const Mod3736Checksum = z.object({
  name: z.literal('mod_37_36'),
  modulo: z.number().int().positive().optional(),
  alphabet: z.string().min(2).optional(),
});

/** Every check-digit algorithm the definitions name. An unknown name fails loudly at load. */
export const ChecksumConfig = z.discriminatedUnion('name', [
  Mod10Checksum,
  Mod7Checksum,
  S10Checksum,
  SumProductChecksum,
  LuhnChecksum,
  Mod3736Checksum,
]);
export type ChecksumConfig = z.infer<typeof ChecksumConfig>;

/** One row of an `additional` lookup table: matched by exact value or by a (Ruby) regex. */
const LookupEntry = z
  .object({
    matches: z.string().optional(),
    matches_regex: z.string().optional(),
  })
  // The remaining columns differ per table (name, description, country, courier, courier_url...);
  // they are shown to people, so keep the ones that carry text and drop nulls.
  .catchall(z.string().nullable())
  .refine((entry) => entry.matches !== undefined || entry.matches_regex !== undefined, {
    message: 'a lookup entry needs matches or matches_regex',
  });
export type LookupEntry = z.infer<typeof LookupEntry>;

const AdditionalLookup = z.object({
  name: z.string().min(1),
  regex_group_name: z.string().min(1),
  lookup: z.array(LookupEntry),
});
export type AdditionalLookup = z.infer<typeof AdditionalLookup>;

const Validation = z.object({
  checksum: ChecksumConfig.optional(),
  serial_number_format: z
    .object({
      prepend_if: z.object({ matches_regex: z.string(), content: z.string() }).optional(),
    })
    .optional(),
  // Names of `additional` lookups that must find an entry for the number to be valid
  // (S10 requires a known issuing country, for instance).
  additional: z.object({ exists: z.array(z.string()).optional() }).optional(),
});

const TrackingNumberFormat = z.object({
  name: z.string().min(1),
  // A few upstream formats have no id; their name serves as the id (the conformance data does the same).
  id: z.string().min(1).optional(),
  regex: z.union([z.string(), z.array(z.string())]),
  validation: Validation.default({}),
  additional: z.array(AdditionalLookup).optional(),
  tracking_url: z.string().nullable().optional(),
});
export type TrackingNumberFormat = z.infer<typeof TrackingNumberFormat>;

const CourierFile = z.object({
  name: z.string().min(1),
  courier_code: z.string().min(1),
  tracking_numbers: z.array(TrackingNumberFormat).min(1),
});
export type CourierDefinition = z.infer<typeof CourierFile>;

// Kept in a fixed order: when two formats are equally good matches, the earlier one wins, so
// detection does not depend on the order a bundler happens to emit modules in.
const BUNDLED_FILES: ReadonlyArray<readonly [file: string, json: unknown]> = [
  ['amazon.json', amazon],
  ['canadapost.json', canadaPost],
  ['canpar.json', canpar],
  ['dhl.json', dhl],
  ['dpd.json', dpd],
  ['fedex.json', fedex],
  ['gofo.json', gofo],
  ['landmark.json', landmark],
  ['lasership.json', lasership],
  ['old_dominion.json', oldDominion],
  ['ontrac.json', ontrac],
  ['purolator.json', purolator],
  ['s10.json', s10],
  ['speedee.json', speedee],
  ['ups.json', ups],
  ['usps.json', usps],
  ['yodel.json', yodel],
  ['yunexpress.json', yunexpress],
];

/**
 * Parses one courier file. The files are data imported from outside the project, so they are
 * checked at this boundary; a malformed file is a build-time mistake and fails loudly (and in CI)
 * rather than producing silently wrong detection at the desk.
 */
export function parseCourierDefinition(file: string, json: unknown): CourierDefinition {
  const parsed = CourierFile.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid courier definition ${file}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const COURIER_DEFINITIONS: readonly CourierDefinition[] = BUNDLED_FILES.map(([file, json]) =>
  parseCourierDefinition(file, json),
);

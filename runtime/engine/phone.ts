/**
 * Country calling code, whether national numbers start with a trunk `0` that the international
 * form drops, and how many digits follow the calling code. Regions not listed accept only
 * numbers written with their `+` prefix.
 */
const REGIONS: Record<string, { code: string; trunk: boolean; digits: [number, number] }> = {
  FR: { code: "33", trunk: true, digits: [9, 9] },
  BE: { code: "32", trunk: true, digits: [8, 9] },
  CH: { code: "41", trunk: true, digits: [9, 9] },
  LU: { code: "352", trunk: false, digits: [6, 11] },
  MC: { code: "377", trunk: false, digits: [8, 9] },
  DE: { code: "49", trunk: true, digits: [6, 13] },
  ES: { code: "34", trunk: false, digits: [9, 9] },
  IT: { code: "39", trunk: false, digits: [6, 11] },
  PT: { code: "351", trunk: false, digits: [9, 9] },
  NL: { code: "31", trunk: true, digits: [9, 9] },
  GB: { code: "44", trunk: true, digits: [9, 10] },
  IE: { code: "353", trunk: true, digits: [7, 9] },
  US: { code: "1", trunk: false, digits: [10, 10] },
  CA: { code: "1", trunk: false, digits: [10, 10] },
  MA: { code: "212", trunk: true, digits: [9, 9] },
  DZ: { code: "213", trunk: true, digits: [8, 9] },
  TN: { code: "216", trunk: false, digits: [8, 8] },
  SN: { code: "221", trunk: false, digits: [9, 9] },
  CI: { code: "225", trunk: false, digits: [10, 10] },
};

const BY_CODE = new Map(Object.values(REGIONS).map((region) => [region.code, region]));

export const DEFAULT_PHONE_REGION = "FR";

/**
 * A phone number in E.164 form (`+33612345678`), or undefined when it is not one.
 * `06 12 34 56 78` is read in `region`; `+44 20 7946 0958`, `0044…` and `+33 (0)6…` keep their country.
 */
export function normalizePhone(answer: string, region: string = DEFAULT_PHONE_REGION): string | undefined {
  const compact = answer
    .trim()
    .replace(/\(0\)/g, "")
    .replace(/[\s.\-()/\u00a0]/g, "");
  let international: string | undefined;
  if (/^\+\d+$/.test(compact)) international = compact.slice(1);
  else if (/^00\d+$/.test(compact)) international = compact.slice(2);
  if (international !== undefined) return fromInternational(international);

  if (!/^\d+$/.test(compact)) return undefined;
  const local = REGIONS[region];
  if (!local) return undefined;
  let national = compact;
  if (local.trunk) {
    if (!national.startsWith("0")) return undefined;
    national = national.slice(1);
  } else if (local.code === "1" && national.length === 11 && national.startsWith("1")) {
    national = national.slice(1);
  }
  return fits(national, local.digits) ? `+${local.code}${national}` : undefined;
}

function fromInternational(digits: string): string | undefined {
  for (const length of [1, 2, 3]) {
    const region = BY_CODE.get(digits.slice(0, length));
    if (!region) continue;
    let national = digits.slice(length);
    // "+33 06…" is a common way of writing "+33 6…".
    if (region.trunk && national.startsWith("0")) national = national.slice(1);
    return fits(national, region.digits) ? `+${region.code}${national}` : undefined;
  }
  // E.164 allows at most 15 digits; fewer than 8 is no real number.
  return digits.length >= 8 && digits.length <= 15 && !digits.startsWith("0") ? `+${digits}` : undefined;
}

function fits(national: string, [min, max]: [number, number]): boolean {
  return national.length >= min && national.length <= max && !national.startsWith("0");
}

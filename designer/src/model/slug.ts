const SLUG_MAX = 64;

/** A slug from any text: lowercase ASCII letters, digits and single dashes (accents dropped). */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
  return slug || "node";
}

/**
 * A slug made from `base` that is not in `taken`: `base` itself when free (`promo-2025` for "Promo 2025"),
 * else `base-2`, `base-3`… counted from the base without its trailing `-<n>`, so that copying `ask-2`
 * gives `ask-3`, not `ask-2-2`.
 */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const wanted = slugify(base);
  if (!taken.has(wanted)) return wanted;
  const root = wanted.replace(/-\d+$/, "") || "node";
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${root.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * An intent id as it is typed: snake_case, the only form intent ids take (`réclamation client` →
 * `reclamation_client`), so a person never meets "does not fit" for an accent or a space.
 */
export function intentIdOf(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .slice(0, SLUG_MAX);
}

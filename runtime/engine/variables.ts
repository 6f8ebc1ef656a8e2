/** Reading and writing dotted variable paths (`order.total`) without mutating what was there. */

export function getPath(variables: Record<string, unknown>, path: string): unknown {
  let value: unknown = variables;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A copy of `variables` with `value` at `path`, creating the objects on the way. Objects along the
 * path are copied, so a value shared with another variable (after `copy = customer`) is never changed.
 */
export function setPath(variables: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return variables;
  if (rest.length === 0) return { ...variables, [head]: value };
  const current = variables[head];
  const child =
    typeof current === "object" && current !== null && !Array.isArray(current)
      ? (current as Record<string, unknown>)
      : {};
  return { ...variables, [head]: setPath(child, rest.join("."), value) };
}

/**
 * The value as plain JSON: state is stored and sent as JSON, and JSONata results can carry
 * sequences with extra properties, functions or `undefined` inside.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * `compute` remembered per object: a flow edit keeps the objects of the nodes it does not touch, so on a
 * big flow each keystroke computes again for the one node edited, not for all of them.
 */
export function memoByObject<Key extends object, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const cache = new WeakMap<Key, Value>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as Value;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

import { useRef } from "react";

/**
 * Keys for the rows of an editable list held by position (intervals, fields, list items): each row
 * keeps its key while rows are added at the end or removed anywhere, so React keeps its inputs and
 * their focus with it rather than with the position.
 */
export function useRowKeys(count: number): { keys: readonly number[]; removing: (index: number) => void } {
  const state = useRef({ keys: [] as number[], next: 0 });
  const { keys } = state.current;
  while (keys.length < count) keys.push(state.current.next++);
  if (keys.length > count) keys.length = count;
  return { keys, removing: (index) => keys.splice(index, 1) };
}

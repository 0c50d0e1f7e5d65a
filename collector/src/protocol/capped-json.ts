/**
 * JSON of any parsed value, written only up to a size: for the dead-letter stream, where junk must cost
 * at most `maxChars` however it is shaped. Iterative (an explicit stack), so an array nested 5,000 deep
 * is written like any other value instead of overflowing the call stack as `JSON.stringify` would, and
 * it stops at the cap instead of serialising 64 KiB to keep one.
 */
type Frame =
  | { kind: 'array'; items: unknown[]; next: number }
  | { kind: 'object'; record: Record<string, unknown>; keys: string[]; next: number };

export function cappedJson(value: unknown, maxChars: number): { text: string; cut: boolean } {
  const parts: string[] = [];
  let length = 0;
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
    return length <= maxChars;
  };
  const stack: Frame[] = [];
  // writes a value, or opens a container and leaves its items to the loop; false once over the cap
  const write = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      stack.push({ kind: 'array', items: item, next: 0 });
      return emit('[');
    }
    if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      stack.push({ kind: 'object', record, keys: Object.keys(record), next: 0 });
      return emit('{');
    }
    // JSON.parse only yields strings, numbers, booleans and null here
    return emit(JSON.stringify(item) ?? 'null');
  };
  let within = write(value);
  while (within && stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.kind === 'array') {
      if (frame.next === frame.items.length) {
        stack.pop();
        within = emit(']');
      } else within = (frame.next === 0 || emit(',')) && write(frame.items[frame.next++]);
    } else if (frame.next === frame.keys.length) {
      stack.pop();
      within = emit('}');
    } else {
      const key = frame.keys[frame.next++];
      within = (frame.next === 1 || emit(',')) && emit(`${JSON.stringify(key)}:`) && write(frame.record[key]);
    }
  }
  const text = parts.join('');
  return within ? { text, cut: false } : { text: text.slice(0, maxChars), cut: true };
}

/**
 * Test helper: the metric names a PromQL expression reads, found with a small scanner rather than a
 * parser (Prometheus checks the syntax itself in the tests). Strings, label matchers, range selectors,
 * grouping clauses, function calls, keywords and Grafana variables are not metric names.
 */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

export function metricNames(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const start = match.index ?? 0;
    const before = text[start - 1] ?? '';
    if (/[0-9.$]/.test(before)) continue; // part of a number, a duration or a $variable
    if (/^\s*\(/.test(text.slice(start + name.length))) continue; // a function or an aggregation
    if (KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/**
 * Wildcard matching without regular expressions: `*` matches any run of characters, everything else
 * itself. A regex like ^.*care.*home$ backtracks (one answer of 'care' repeated 100,000 times ran for
 * minutes); here the first and last parts are fixed ends and each middle part is taken at its first
 * place after the one before, which is all a match needs, so the time is at most text x pattern length.
 */
export function matchesGlob(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const at = text.indexOf(part, from);
    if (at < 0 || at + part.length > end) return false;
    from = at + part.length;
  }
  return true;
}

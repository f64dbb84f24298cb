/** "Did you mean" suggestions for unknown ids. */

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Up to `limit` candidates close to `input`: small edit distance, or sharing a word with it. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const words = needle.split(/[-\s_]+/).filter((w) => w.length > 2);
  return [...candidates]
    .map((candidate) => {
      const distance = editDistance(needle, candidate);
      const sharesWord = words.some((w) => candidate.includes(w));
      const score = distance / Math.max(needle.length, candidate.length) - (sharesWord ? 0.5 : 0) - (candidate.includes(needle) ? 0.5 : 0);
      return { candidate, score };
    })
    .filter((c) => c.score < 0.45)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((c) => c.candidate);
}

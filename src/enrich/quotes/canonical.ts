/**
 * One person, one name. Attribution resolves "Ferreira added" to the name it found, which may
 * lack the title of the first mention ("Dr Tomás Ferreira"). Within one text, a speaker whose
 * words all appear, surname last, in exactly one longer speaker name becomes that name, so the
 * email shows one name per person and ranking sees one speaker, not two.
 */
export function canonicalSpeakers(speakers: readonly (string | null)[]): (string | null)[] {
  const names = [...new Set(speakers.filter((s): s is string => Boolean(s)))];
  const words = new Map(names.map((n) => [n, n.toLowerCase().split(/\s+/)]));
  const fuller = new Map<string, string>();
  for (const name of names) {
    const mine = words.get(name)!;
    const longer = names.filter((other) => {
      const theirs = words.get(other)!;
      return theirs.length > mine.length && theirs.at(-1) === mine.at(-1) && mine.every((w) => theirs.includes(w));
    });
    // Only when the longer names agree (each nested in the longest); two different Oseis stay apart.
    const longest = longer.sort((a, b) => words.get(b)!.length - words.get(a)!.length)[0];
    if (longest && longer.every((l) => words.get(l)!.every((w) => words.get(longest)!.includes(w)))) fuller.set(name, longest);
  }
  return speakers.map((s) => (s ? (fuller.get(s) ?? s) : s));
}

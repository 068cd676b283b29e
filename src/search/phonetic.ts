/**
 * Spellings a name of the region's languages takes in Latin script: the same sounds written
 * with other letters (`kh`/`h`/`k`/`q`, `j`/`zh`/`dj`/`dzh`, `y`/`i`, `ou`/`u`), a vowel dropped
 * or added, a letter doubled or not. Each such change is a phonetic edit, cheaper than a random
 * one: `kirgiz` is two of them from `kyrgyz`, `tadjik` one from `tajik`, `karabach` one from
 * `karabakh`, while a random edit as often makes another word.
 */

/** Letters and letter groups that write one sound: any may stand for any other of its group. */
const SOUNDS: readonly (readonly string[])[] = [
  ['kh', 'ch', 'h', 'k', 'q'],
  ['dzh', 'dj', 'zh', 'j'],
  ['ou', 'oo', 'u'],
  ['y', 'i'],
  ['ya', 'ia'],
  ['yu', 'iu'],
  ['ye', 'ie', 'e'],
  ['w', 'v'],
  ['ph', 'f'],
  ['ks', 'x'],
];

const VOWELS = 'aeiouy';

/** Every spelling one phonetic edit from `word` (folded, lower case), without `word` itself. */
export function onePhoneticEdit(word: string): Set<string> {
  const edits = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    for (const group of SOUNDS)
      for (const written of group)
        if (after.startsWith(written))
          for (const other of group) if (other !== written) edits.add(before + other + after.slice(written.length));
    for (const vowel of VOWELS) edits.add(before + vowel + after);
    const letter = after[0];
    if (letter === undefined) continue;
    if (VOWELS.includes(letter)) edits.add(before + after.slice(1));
    if (after[1] === letter) edits.add(before + after.slice(1));
    else edits.add(before + letter + after);
  }
  edits.delete(word);
  return edits;
}

/**
 * Every spelling at most `edits` phonetic edits from `word`, by how many it takes (index 0 holds
 * `word` alone). Each step multiplies the spellings by a few dozen, so two steps is the most asked.
 */
export function phoneticSpellings(word: string, edits: number): Set<string>[] {
  const seen = new Set([word]);
  const byEdits = [new Set([word])];
  for (let step = 1; step <= edits; step++) {
    const next = new Set<string>();
    for (const spelling of byEdits[step - 1] as Set<string>)
      for (const edited of onePhoneticEdit(spelling))
        if (!seen.has(edited)) {
          seen.add(edited);
          next.add(edited);
        }
    byEdits.push(next);
  }
  return byEdits;
}

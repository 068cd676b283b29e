/** `1 paragraph`, `2 paragraphs`: a number with its noun in the right form. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

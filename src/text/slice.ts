/** `text.slice(0, end)` that never splits a surrogate pair: half an emoji is invalid text to Discord. */
export function sliceText(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

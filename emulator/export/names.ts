/** File names made from user text (subjects, Drive names): letters of any script, never a path. */
export function safeFileName(text: string, fallback: string, max = 60): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}.]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const cut = Array.from(cleaned)
    .slice(0, max)
    .join('')
    .replace(/[-.]+$/, '');
  return cut || fallback;
}

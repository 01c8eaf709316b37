// Plain-text layout for terminals: display width of a string and word wrapping to a column limit.

/** Columns a string takes on a terminal: one per code point (ts314 prints no wide or combining characters). */
export function displayWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts `text` to at most `width` columns, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * Wraps `text` at spaces so no line is wider than `width`; lines after the first start with
 * `indent` (a hanging indent). A word longer than a line is split rather than left to overflow.
 * @example
 * wrapText('one two three', 8, '  '); // ['one two', '  three']
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const room = () => width - (lines.length === 0 ? 0 : displayWidth(indent));
  const flush = () => {
    lines.push(lines.length === 0 ? line : indent + line);
    line = '';
    lineWidth = 0;
  };
  for (const word of text.split(' ')) {
    let chars = [...word];
    const gap = lineWidth === 0 ? 0 : 1;
    if (lineWidth + gap + chars.length <= room()) {
      line += (gap ? ' ' : '') + word;
      lineWidth += gap + chars.length;
      continue;
    }
    if (lineWidth > 0) flush();
    while (chars.length > room() && room() > 0) {
      line = chars.slice(0, room()).join('');
      chars = chars.slice(room());
      flush();
    }
    line = chars.join('');
    lineWidth = chars.length;
  }
  if (lineWidth > 0 || lines.length === 0) flush();
  return lines;
}

// Which processes on this machine mention a string in their command line: how a test sees that the workers a command started are gone.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the live processes whose command line (arguments joined by spaces) contains `text`. */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(text)) found.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return found;
}

// Runs a fixture script with the machine's real python3 and parses its JSON output.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function runPython<T>(script: string, input: unknown): T {
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  return JSON.parse(execFileSync('python3', [path], { input: JSON.stringify(input), encoding: 'utf8' })) as T;
}

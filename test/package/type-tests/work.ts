// A worker module for the type-level tests: exports with distinct signatures.
export async function crunch(n: number, label: string): Promise<{ label: string; digits: number }> {
  return { label, digits: String(n).length };
}

export function square(n: number): number {
  return n * n;
}

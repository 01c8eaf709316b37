// The NumPy/pandas reference outputs (scripts/play-reference.py), loaded once; null stands for NaN.
import { readFileSync } from 'node:fs';

export interface Reference {
  generator: string;
  pi: { seed: number; estimates: { samples: number; inside: number; pi: number }[]; randnHead: number[] }[];
  sensors: {
    seed: number;
    sensors: number;
    readings: number;
    avgTemp: number[];
    anomalies: number[];
    correlation: number[];
    dominantFreq: number[];
    zoneLines: string[];
  }[];
  indicators: { seed: number; rows: number; priceHead: number[]; sectorHead: string[]; features: Record<string, (number | null)[]> }[];
  fft: { n: number; seed: number; re: number[]; im: number[] }[];
}

export const reference = JSON.parse(readFileSync(new URL('./fixtures/play-reference.json', import.meta.url), 'utf8')) as Reference;

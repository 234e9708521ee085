/**
 * The gold quote records of `../shared/eval/` (SCHEMA.md), as the measuring and training
 * scripts read them. The records are the publishers' text: read them from there, never copy
 * them into the project.
 */
import { readFileSync } from 'node:fs'

export interface GoldQuote {
  readonly text: string
  readonly speaker: string | null
}

export interface GoldRecord {
  readonly id: string
  readonly text: string
  readonly paragraphs: readonly (readonly [number, number])[]
  readonly quotes: readonly GoldQuote[]
}

/** The records of a JSONL gold file, one per line. */
export function readGoldRecords(path: string): GoldRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldRecord)
}

/**
 * Content messages as the terminal shows them: one line each,
 * `file:line:column  severity  message  rule-id`, the hint indented below, then a summary.
 * Returns strings; printing is the caller's business.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { LeftOut } from '../build.js'

export interface MessageCounts {
  readonly errors: number
  readonly warnings: number
  /** Information for an editor (`quote-held-back`): nothing is wrong with the copy. */
  readonly infos: number
}

/** Count errors (fatal messages), warnings and information across files. */
export function countMessages(files: readonly VFile[]): MessageCounts {
  let errors = 0
  let warnings = 0
  let infos = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
      else infos++
    }
  }
  return { errors, warnings, infos }
}

function placeOf(message: VFileMessage): string {
  const line = message.line ?? 1
  const column = message.column ?? 1
  return `${line}:${column}`
}

/**
 * Format every message of every file, in file order then position order.
 *
 * @param options.showHints Add each message's hint on an indented line (default: `true`).
 * @param options.showInfo Include information (`info`), which only `dateline check` lists (default: `false`).
 */
export function formatMessages(files: readonly VFile[], options: { readonly showHints?: boolean; readonly showInfo?: boolean } = {}): string {
  const lines: string[] = []
  for (const file of files) {
    const sorted = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    for (const message of sorted) {
      if (options.showInfo !== true && message.fatal !== true && message.fatal !== false) continue
      const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
      lines.push(`${file.path}:${placeOf(message)}  ${severity}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd())
      if (options.showHints !== false && message.note) lines.push(`    hint: ${message.note}`)
    }
  }
  return lines.join('\n')
}

/** `1 article`, `2 articles`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** `2 errors, 1 warning in 14 files`, and `, 3 notes` when there is information. */
export function formatSummary(counts: MessageCounts, fileCount: number): string {
  const notes = counts.infos > 0 ? `, ${plural(counts.infos, 'note')}` : ''
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${notes} in ${plural(fileCount, 'file')}`
}

/** Files named one per line under the left-out summary; the rest are counted. */
const leftOutListed = 10

/**
 * What a build left out on purpose, and why: `Left out 1 draft, 1 scheduled for 2026-12-09`,
 * then each file with its reason (the first ten). Empty when nothing was left out.
 */
export function formatLeftOut(leftOut: LeftOut): string {
  const { drafts, scheduled } = leftOut
  if (drafts.length === 0 && scheduled.length === 0) return ''
  const parts: string[] = []
  if (drafts.length > 0) parts.push(plural(drafts.length, 'draft'))
  const [soonest] = scheduled
  if (soonest) parts.push(`${scheduled.length} scheduled ${scheduled.length === 1 ? 'for' : 'from'} ${soonest.published}`)
  const rows = [
    ...drafts.map((path) => `  ${path}  draft: true; left out until it is false (or build with --drafts)`),
    ...scheduled.map(({ path, published }) => `  ${path}  dated ${published}; left out until a build after that time`),
  ]
  const more = rows.length - leftOutListed
  return [`Left out ${parts.join(', ')}:`, ...rows.slice(0, leftOutListed), ...(more > 0 ? [`  … and ${more} more`] : [])].join('\n')
}

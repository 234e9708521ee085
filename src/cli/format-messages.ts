/**
 * Content messages as the terminal shows them: one line each,
 * `file:line:column  severity  message  rule-id`, the hint indented below, then a summary.
 * Returns strings; printing is the caller's business.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

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

/** `2 errors, 1 warning in 14 files`, and `, 3 notes` when there is information. */
export function formatSummary(counts: MessageCounts, fileCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const notes = counts.infos > 0 ? `, ${plural(counts.infos, 'note')}` : ''
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${notes} in ${plural(fileCount, 'file')}`
}

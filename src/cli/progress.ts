/**
 * Progress of a long stage on the terminal: a bar with an ETA that redraws in place on an
 * interactive terminal, plain lines (every tenth of the way) when the output is a log, as
 * in CI. Nothing is shown for work that ends within `delayMs`: most builds are quick, and
 * a flashing bar is noise.
 */

/** Where progress goes: stderr in the CLI. */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  readonly write: (text: string) => unknown
}

export interface Progress {
  /** `done` of `total` items finished. */
  readonly update: (done: number, total: number) => void
  /** The work is over: clear the bar. */
  readonly end: () => void
}

export interface ProgressOptions {
  /** Verb shown before the count: `parsing`. */
  readonly label: string
  /** Show nothing until this much time has passed (default: 2,000 ms). */
  readonly delayMs?: number
  /** The clock, in milliseconds (default: `performance.now`); tests pass their own. */
  readonly now?: () => number
}

const barWidth = 24
const redrawEveryMs = 100
/** Share of the work done before an ETA is shown. */
const minFractionForEta = 0.02

/** Seconds as a short duration: `4 s`, `1 min 5 s`. */
export function formatEta(seconds: number): string {
  const rounded = Math.max(0, Math.ceil(seconds))
  return rounded < 60 ? `${rounded} s` : `${Math.floor(rounded / 60)} min ${rounded % 60} s`
}

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const delayMs = options.delayMs ?? 2_000
  const started = now()
  let lastDraw = Number.NEGATIVE_INFINITY
  let lastTenth = -1
  let drawn = false
  return {
    update(done, total) {
      const elapsed = now() - started
      if (elapsed < delayMs || total === 0) return
      const fraction = Math.min(1, done / total)
      // The first items carry the threads' start-up: an ETA from them alone is far off
      // (`1/10000` after 2.7 s said 7 hours), so none is given before 2 % of the work.
      const eta = fraction >= minFractionForEta ? formatEta(((1 - fraction) * elapsed) / fraction / 1000) : undefined
      if (stream.isTTY === true) {
        if (now() - lastDraw < redrawEveryMs && done < total) return
        lastDraw = now()
        const filled = Math.round(fraction * barWidth)
        const line = `${options.label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}%  ETA ${eta ?? '?'}`
        stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\u001B[K`)
        drawn = true
        return
      }
      const tenth = Math.floor(fraction * 10)
      if (tenth <= lastTenth) return
      lastTenth = tenth
      stream.write(`${options.label} ${done}/${total} (${tenth * 10}%)${eta === undefined ? '' : `, about ${eta} left`}\n`)
    },
    end() {
      if (drawn) stream.write('\r\u001B[K')
    },
  }
}

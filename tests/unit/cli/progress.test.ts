import { describe, expect, it } from 'vitest'
import { createProgress, formatEta } from '../../../src/cli/progress.js'

function recorder(isTTY: boolean) {
  const written: string[] = []
  return { written, stream: { isTTY, columns: 100, write: (text: string) => written.push(text) } }
}

describe('progress', () => {
  it('should show nothing for work that ends before the delay', () => {
    let now = 0
    const { written, stream } = recorder(true)
    const progress = createProgress(stream, { label: 'parsing', now: () => now })
    now = 1_500
    progress.update(500, 1000)
    progress.end()
    expect(written).toEqual([])
  })

  it('should draw a bar with an ETA in place on a terminal', () => {
    let now = 0
    const { written, stream } = recorder(true)
    const progress = createProgress(stream, { label: 'parsing', now: () => now })
    now = 3_000
    progress.update(1000, 4000)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatch(/^\rparsing \[#{6}-{18}\] 1000\/4000 25% {2}ETA 9 s/)
    progress.end()
    expect(written.at(-1)).toBe('\r\u001B[K')
  })

  it('should print plain lines at each tenth when the output is not a terminal', () => {
    let now = 0
    const { written, stream } = recorder(false)
    const progress = createProgress(stream, { label: 'parsing', now: () => now })
    now = 2_500
    for (let done = 1; done <= 100; done++) progress.update(done, 100)
    expect(written).toHaveLength(11)
    expect(written[5]).toBe('parsing 50/100 (50%), about 3 s left\n')
    expect(written.every((line) => !line.includes('\r'))).toBe(true)
  })

  it('should give no ETA before 2 % of the work is done, when start-up still dominates', () => {
    let now = 0
    const plain = recorder(false)
    const progress = createProgress(plain.stream, { label: 'parsing', now: () => now })
    now = 2_700
    progress.update(1, 10_000)
    expect(plain.written).toEqual(['parsing 1/10000 (0%)\n'])
    const terminal = recorder(true)
    const bar = createProgress(terminal.stream, { label: 'parsing', now: () => now })
    now = 5_400
    bar.update(199, 10_000)
    expect(terminal.written[0]).toMatch(/199\/10000 1% {2}ETA \?/)
    now = 5_600
    bar.update(200, 10_000)
    expect(terminal.written[1]).toMatch(/200\/10000 2% {2}ETA 2 min 23 s/)
  })

  it('should write durations over a minute with minutes', () => {
    expect(formatEta(65)).toBe('1 min 5 s')
    expect(formatEta(0.2)).toBe('1 s')
  })
})

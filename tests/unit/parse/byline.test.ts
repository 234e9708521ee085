import { describe, expect, it } from 'vitest'
import { bylineNames } from '../../../src/parse/byline.js'

describe('bylineNames', () => {
  it.each([
    ['By Jane Doe', ['Jane Doe']],
    ['By Jane Doe and John Roe, Staff Writers', ['Jane Doe', 'John Roe']],
    ['By Ana Lima, Dateline Wire', ['Ana Lima']],
    ['Sam Whitfield, Priya Natarajan', ['Sam Whitfield', 'Priya Natarajan']],
    ['By Kim Lee, The Seoul Times', ['Kim Lee']],
    ['BY MARIA GOMEZ, Associated Press', ['MARIA GOMEZ']],
  ])('should read the names in %j', (asPrinted, names) => {
    expect(bylineNames(asPrinted)).toEqual(names)
  })
})

/**
 * The stages of parsing one file, in order: told to `ParseOptions.onStage` as each begins,
 * so that a parse stopped by the pool's time limit can say where it was. A module of its
 * own, so the main thread knows the names without loading the parser.
 */
export const parseStages = ['bounds', 'front matter', 'wire copy', 'Markdown', 'quotation marks', 'quote tokens', 'people', 'attribution'] as const

export type ParseStage = (typeof parseStages)[number]

/**
 * Files a stage reads, stats or writes at once. A stage that opened every file of a large
 * archive together ran out of file descriptors (`EMFILE` at 100,000 articles), and one
 * disk gains nothing from more than a few dozen requests in flight.
 */
export const filesAtOnce = 64

/**
 * What a parse thread tells the main thread while it works, in shared memory: which stage
 * of `parseStages` it is in (its index plus one; 0 before it begins), and when the parse
 * began, in milliseconds since the epoch (the same clock in every thread). The main thread
 * reads both for the time limit and to say where a stopped parse was.
 */
export const progressBytes = 16

/** The stage slot: an Int32 at 0, for `Atomics`. */
export function stageSlot(shared: SharedArrayBuffer): Int32Array {
  return new Int32Array(shared, 0, 1)
}

/** The slot of the time the parse began: a Float64 at 8, 0 until it begins. */
export function startSlot(shared: SharedArrayBuffer): Float64Array {
  return new Float64Array(shared, 8, 1)
}

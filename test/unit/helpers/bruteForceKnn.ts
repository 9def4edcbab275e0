// TEST-ONLY reference: exact nearest-neighbour distances by plain loops, to check the engine's
// MatMul-based kNN (|q|² − 2 q·b + |b|²) against. Never use this in the app: it is far too slow.

/** Euclidean distance from each query row to its nearest bank row (both row-major, `dimensions` wide). */
export function nearestNeighbourDistances(queries: Float32Array, bank: Float32Array, dimensions: number): Float64Array {
  const queryCount = queries.length / dimensions;
  const bankCount = bank.length / dimensions;
  if (!Number.isInteger(queryCount) || !Number.isInteger(bankCount) || bankCount === 0) {
    throw new RangeError('queries and bank must be non-empty whole rows of the given width');
  }
  const distances = new Float64Array(queryCount);
  for (let query = 0; query < queryCount; query += 1) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let row = 0; row < bankCount; row += 1) {
      let squared = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) {
        const difference = queries[query * dimensions + dimension]! - bank[row * dimensions + dimension]!;
        squared += difference * difference;
      }
      nearest = Math.min(nearest, squared);
    }
    distances[query] = Math.sqrt(nearest);
  }
  return distances;
}

/**
 * Vitest global setup: says once whether the conformance suite (real data in ../shared/data) runs.
 * A fresh clone has no ../shared, so its tests are skipped with one printed line; CI sets
 * PTK_REQUIRE_SHARED=1 and then a missing folder fails the run instead of skipping quietly.
 */
import { HAVE_SHARED, SHARED } from '../helpers/cli.js';

export default function setup(): void {
  if (HAVE_SHARED) return;
  if (process.env.PTK_REQUIRE_SHARED === '1') {
    throw new Error(`PTK_REQUIRE_SHARED=1 but the conformance data ${SHARED}/data is missing`);
  }
  process.stderr.write(`conformance suite skipped: ${SHARED}/data not found (real-data tests run when it is there; CI requires it)\n`);
}

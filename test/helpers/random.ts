/** The seeded PRNG the benchmark's generator uses (mulberry32), so a failing fuzz case can be reproduced. */
// @ts-expect-error bench/ is plain JavaScript without type declarations
import { prng } from '../../bench/synthetic.js';

export const seededRandom = prng as (seed: number) => () => number;

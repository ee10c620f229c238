/**
 * The documented classes of disagreement between Cordon's engine and `@cloud-copilot/iam-simulate`
 * (docs/engine-differences.md explains each one with the AWS documentation that decides it). The
 * differential test fails on any disagreement no class explains.
 */
import type { Disagreement } from './engine-differential.js';

/** One documented class of disagreement. */
export interface DifferenceClass {
  id: string;
  /** Short statement of who is right and why (the doc section has the citation). */
  summary: string;
  explains(d: Disagreement): boolean;
}

/** Every documented difference class, most specific first. */
export const DIFFERENCE_CLASSES: readonly DifferenceClass[] = [];

import type { ImportWarning, OffsetMap } from '../../model';

/** A block a step took out of the text; start is an offset in the step's input. */
export interface StepRemoval {
  reason: string;
  text: string;
  start: number;
}

/** What a step returns: its output text and the map from output back to its input. */
export interface StepResult {
  text: string;
  map: OffsetMap;
  /** Warnings with start/end in the step's output. */
  warnings?: ImportWarning[];
  removed?: StepRemoval[];
}

/** `checkCancelled`, when given, is called every so many lines of a long text and throws to stop. */
export type StepFn = (text: string, checkCancelled?: () => void) => StepResult;

/** Lines between a step's cancel checks. */
export const CHECK_LINES = 4096;

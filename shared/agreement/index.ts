// Inter-coder agreement: character-level κ and α, unitizing α_U, span F1, confusion, disagreements.
// Pure: no node, no DOM. Definitions and references: docs/agreement.md.
export { computeAgreement, AgreementInputError } from './compute';
export * from './types';
export { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, tallyItems, type CodingTally } from './coding';
export { alphaU, mergeOverlapping, unitizingDisagreement, type Units } from './unitizing';

/**
 * The workflow bundle's entry: every workflow type a Tramontane worker serves. `MistralWorkflow` is the one that
 * interprets definitions; the others are its helpers (item batches) and the platform's (definition store).
 */
export { MistralWorkflow, MistralItemsBatch } from '../interpreter/workflow';
export { TramontaneRegistry } from '../store/registry-workflow';

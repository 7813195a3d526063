/**
 * The data converter shared by every worker and client of a deployment (payload codecs go here). Workers and clients
 * must agree on it, so nothing creates a Temporal connection without it.
 */
import type { DataConverter } from '@temporalio/common';

/** The data converter for workers and clients (currently the SDK default). */
export function dataConverter(): DataConverter {
  return {};
}

import type { z } from 'zod';
import { bridgeContract, type Bridge, type BridgeMethod } from './contract';
import { BridgeError } from './errors';

// Run-time validation of bridge calls against the contract, shared by the Electron main process
// (which must never trust the renderer) and the browser bridge (which validates too, so both hosts
// reject the same bad calls the same way and the renderer cannot come to depend on leniency).

export type BridgeArgs<M extends BridgeMethod> = Parameters<Bridge[M]>;
export type BridgeResult<M extends BridgeMethod> = Awaited<ReturnType<Bridge[M]>>;

/**
 * Summarises schema issues by path and message only. Zod messages state the rule that failed
 * ("Too big: expected string to have <=60 characters"), not the value, so the summary is safe to
 * log and to send back to the renderer.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}

export function parseBridgeArgs<M extends BridgeMethod>(method: M, args: readonly unknown[]): BridgeArgs<M> {
  // Indexing the contract with a generic key loses the per-method link between schema and type;
  // the schema *is* the source of BridgeArgs<M>, so widening to ZodType of it is exact.
  const schema = bridgeContract[method].args as unknown as z.ZodType<BridgeArgs<M>>;
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    throw new BridgeError('bridge.invalid_arguments', `${method}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

export function parseBridgeResult<M extends BridgeMethod>(method: M, value: unknown): BridgeResult<M> {
  const schema = bridgeContract[method].result as unknown as z.ZodType<BridgeResult<M>>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new BridgeError('bridge.invalid_result', `${method}: ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

import type { z } from 'zod';
import type { StaffRole } from '../domain/model';
import type { MutationContext, MutationTx } from './tx';

export interface MutatorDefinition<Args> {
  /** Run-time schema of the arguments: checked on the desk before commit and again on the server. */
  readonly args: z.ZodType<Args>;
  readonly roles: readonly StaffRole[];
  apply(tx: MutationTx, args: Args, context: MutationContext): Promise<void>;
}

export function defineMutator<Args>(definition: MutatorDefinition<Args>): MutatorDefinition<Args> {
  return definition;
}

export const ALL_ROLES: readonly StaffRole[] = ['doorperson', 'manager', 'admin'];

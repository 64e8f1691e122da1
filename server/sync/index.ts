// The sync engine of the central service, independent of HTTP (see server/README.md).
export { push, type PushInput, type SyncEngineOptions } from './push';
export { pull, type PullInput } from './pull';
export { seedBuilding, type BuildingSeed, type SeedOptions } from './seed';
export { SequenceGapError, SyncError } from './errors';
export { createSqlMutationTx } from './mutationTx';
export { BuildingRows } from './buildingRows';
export { inBuildingTransaction, type LockedBuilding } from './buildingTransaction';

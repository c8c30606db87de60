import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import { describeRepositoryContract } from './repository-contract.js';

describeRepositoryContract('memory store', async () => {
  const store = new MemoryFormRepository();
  return { store, dispose: () => store.close() };
});

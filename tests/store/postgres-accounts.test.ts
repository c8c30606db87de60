/** The account behaviours on a real PostgreSQL (issue #12), plus form units filtered in SQL. */
import { PostgresFormRepository } from '../../src/store/postgres-repository.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';
import { describeAccountContract } from './account-contract.js';

describeWithPostgres('PostgreSQL accounts', () => {
  describeAccountContract('postgres store', async () => {
    const schema = freshSchemaName();
    const store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      accounts: store.accounts(),
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});

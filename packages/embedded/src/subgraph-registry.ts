import type { BaseContext, SubgraphDefinition } from '@clinicflow/platform';
import { billingSubgraph } from '@clinicflow/subgraph-billing';
import { clinicalSubgraph } from '@clinicflow/subgraph-clinical';
import { devicesSubgraph } from '@clinicflow/subgraph-devices';
import { patientsSubgraph } from '@clinicflow/subgraph-patients';
import { queueSubgraph } from '@clinicflow/subgraph-queue';
import type { SubgraphName } from '@clinicflow/gateway';

/** Every subgraph by name: the one place that knows them all (compose, embedded mode, tests). */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition<BaseContext>> = {
  patients: patientsSubgraph as unknown as SubgraphDefinition<BaseContext>,
  queue: queueSubgraph as unknown as SubgraphDefinition<BaseContext>,
  billing: billingSubgraph as unknown as SubgraphDefinition<BaseContext>,
  clinical: clinicalSubgraph as unknown as SubgraphDefinition<BaseContext>,
  devices: devicesSubgraph as unknown as SubgraphDefinition<BaseContext>,
};

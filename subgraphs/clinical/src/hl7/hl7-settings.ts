import { type Environment, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';
import { DEFAULT_HL7_CONFIG_DIR } from './sender-config.loader';

/** The MLLP listener's settings, from the subgraph's environment. */
export function loadHl7Settings(environment: Environment) {
  const settings = loadConfig(
    {
      /** 0 picks a free port (tests). */
      HL7_MLLP_PORT: z.coerce.number().int().min(0).max(65535).default(2575),
      HL7_MLLP_HOST: z.string().min(1).default('127.0.0.1'),
      HL7_CONFIG_DIR: variables.optionalVariable(z.string().min(1)),
    },
    environment as NodeJS.ProcessEnv,
  );
  return {
    port: settings.HL7_MLLP_PORT,
    host: settings.HL7_MLLP_HOST,
    configDir: settings.HL7_CONFIG_DIR ?? DEFAULT_HL7_CONFIG_DIR,
  };
}

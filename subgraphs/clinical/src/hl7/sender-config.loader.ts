import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type SenderConfig, senderConfigSchema } from './sender-config';

/** The repository's `config/hl7`, from src/hl7 and from dist/hl7 alike. */
export const DEFAULT_HL7_CONFIG_DIR = resolve(__dirname, '..', '..', '..', '..', 'config', 'hl7');

/** Raised at start when a mapping file is not valid: the message names the file and the field. */
export class Hl7ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hl7ConfigError';
  }
}

/** The mappings of every sender, found by MSH-3 and MSH-4. */
export class SenderConfigs {
  constructor(private readonly configs: readonly SenderConfig[]) {}

  /** The sender's own file, else one for its application from any facility, else the `*` fallback. */
  forSender(application: string, facility: string): SenderConfig | undefined {
    const match = (app: string, fac: string | undefined) =>
      this.configs.find((config) => config.sender.application === app && config.sender.facility === fac);
    return match(application, facility) ?? match(application, undefined) ?? match('*', undefined);
  }
}

/** Reads and validates every `*.json` in the folder; any problem stops the start with the file and field named. */
export function loadSenderConfigs(directory: string): SenderConfigs {
  let files: string[];
  try {
    files = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    throw new Hl7ConfigError(`HL7 mapping folder ${directory} cannot be read`);
  }
  const configs = files.map((file) => loadFile(join(directory, file)));
  const seen = new Map<string, string>();
  configs.forEach((config, index) => {
    const key = `${config.sender.application}^${config.sender.facility ?? ''}`;
    const earlier = seen.get(key);
    if (earlier) throw new Hl7ConfigError(`${files[index]}: sender ${key} is already mapped by ${earlier}`);
    seen.set(key, files[index]!);
  });
  return new SenderConfigs(configs);
}

function loadFile(path: string): SenderConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Hl7ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const result = senderConfigSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Hl7ConfigError(`${path}: ${problems.join('; ')}`);
  }
  return result.data;
}

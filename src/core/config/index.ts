export { configFileNames, environmentVariables, type LoadConfigOptions, loadConfig, parseConfig } from './load.ts';
export { type Config, type ConfigInput, configSchema, feedbackTypeSchema } from './schema.ts';

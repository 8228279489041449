// The command table: each command registers itself from its own file.

import type { Command } from 'commander';
import { registerDemo } from './demo.ts';
import { registerExperiment } from './experiment.ts';
import { registerInit } from './init.ts';
import { registerLlm } from './llm.ts';
import { registerMonitor } from './monitor.ts';
import { registerStats } from './stats.ts';

export const commandRegistrations: Array<(program: Command) => void> = [
  registerInit,
  registerStats,
  registerLlm,
  registerDemo,
  registerExperiment,
  registerMonitor,
];

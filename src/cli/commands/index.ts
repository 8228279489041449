// The command table: each command registers itself from its own file.

import type { Command } from 'commander';
import { registerChat } from './chat.ts';
import { registerDemo } from './demo.ts';
import { registerInit } from './init.ts';
import { registerLlm } from './llm.ts';
import { registerStats } from './stats.ts';

export const commandRegistrations: Array<(program: Command) => void> = [
  registerInit,
  registerStats,
  registerLlm,
  registerDemo,
  registerChat,
];

// Training sets for fine-tuning: chat JSONL in OpenAI's format ({"messages": [...]} per line) for provider jobs,
// and an instruction format ({"instruction", "input", "output"}, as Alpaca and most LoRA tools read) for local LoRA.

import { InvalidInputError } from '../../core/errors.ts';
import type { ChatMessage } from '../spec.ts';

export interface ChatExample {
  messages: ChatMessage[];
}

export interface InstructionExample {
  instruction: string;
  input?: string;
  output: string;
}

/** One JSON object per line; every example must end with the assistant's answer. */
export function toChatJsonl(examples: readonly ChatExample[]): string {
  return examples
    .map((example, index) => {
      const where = `example ${index + 1}`;
      if (!example.messages.length) throw problem(`${where}: no messages`, index);
      for (const [k, message] of example.messages.entries()) {
        if (!['system', 'user', 'assistant'].includes(message.role))
          throw problem(`${where}, message ${k + 1}: role "${message.role}"`, index);
        if (!message.content.trim()) throw problem(`${where}, message ${k + 1}: empty content`, index);
      }
      if (example.messages.at(-1)!.role !== 'assistant')
        throw problem(`${where}: the last message must be the assistant's answer`, index);
      if (!example.messages.some((message) => message.role === 'user'))
        throw problem(`${where}: no user message`, index);
      return JSON.stringify({ messages: example.messages.map(({ role, content }) => ({ role, content })) });
    })
    .join('\n')
    .concat('\n');
}

export function toInstructionJsonl(examples: readonly InstructionExample[]): string {
  return examples
    .map((example, index) => {
      if (!example.instruction.trim()) throw problem(`example ${index + 1}: empty instruction`, index);
      if (!example.output.trim()) throw problem(`example ${index + 1}: empty output`, index);
      return JSON.stringify({ instruction: example.instruction, input: example.input ?? '', output: example.output });
    })
    .join('\n')
    .concat('\n');
}

/** A chat example as an instruction example: system plus earlier turns become the instruction and input. */
export function chatToInstruction(example: ChatExample): InstructionExample {
  const system = example.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const turns = example.messages.filter((m) => m.role !== 'system');
  const output = turns.at(-1)?.role === 'assistant' ? turns.at(-1)!.content : '';
  const earlier = turns.slice(0, -1);
  const lastUser = earlier.at(-1)?.content ?? '';
  const context = earlier
    .slice(0, -1)
    .map((m) => `${m.role}: ${m.content}`)
    .join('\n');
  return { instruction: [system, lastUser].filter(Boolean).join('\n\n'), input: context, output };
}

function problem(message: string, index: number): InvalidInputError {
  return new InvalidInputError(`training data: ${message}`, { context: { line: index + 1 } });
}

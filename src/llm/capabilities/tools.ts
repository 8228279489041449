// Function calling: tools with zod (or JSON Schema) parameters, a multi-step loop with a step limit, the calls of
// one step run in parallel, and a tool's error goes back to the model as the tool's result so it can recover.
// Tool runs are not cached: tools read live data.

import { generateText, jsonSchema, stepCountIs, type ToolSet, tool } from 'ai';
import { createLanguageModel } from '../providers/create-models.ts';
import { execute, type GatewayRuntime } from '../runtime/executor.ts';
import type { ToolCallRecord, ToolDefinition, ToolRequest, ToolRunResult } from '../spec.ts';
import { resolveSchema } from './output-schema.ts';
import { samplingOf, tokensOf, toSdkPrompt } from './prompt.ts';

export async function runTools(runtime: GatewayRuntime, request: ToolRequest): Promise<ToolRunResult> {
  const prompt = toSdkPrompt(request);
  const maxSteps = request.maxSteps ?? runtime.settings.maxToolSteps;
  const tools = toSdkTools(request.tools);
  const result = await execute(runtime, {
    role: request.role ?? 'chat',
    kind: 'tools',
    request: null,
    options: request,
    async run(spec) {
      const answer = await generateText({
        model: createLanguageModel(spec, runtime.providers),
        ...prompt,
        ...samplingOf(request),
        tools,
        stopWhen: stepCountIs(maxSteps),
        maxRetries: 0,
        abortSignal: request.signal,
      });
      const steps = answer.steps.map((step) => stepRecords(step.content as ContentPart[]));
      const last = answer.steps.at(-1);
      const finish: ToolRunResult['finish'] = last?.finishReason === 'tool-calls' ? 'step-limit' : 'answer';
      return { value: { text: answer.text, steps, finish }, ...tokensOf(answer.totalUsage) };
    },
    serialise: (value) => JSON.stringify(value),
    deserialise: (text) => JSON.parse(text),
  });
  return { ...result.value, model: result.model, usage: result.usage };
}

// biome-ignore lint/suspicious/noExplicitAny: each tool has its own input type
function toSdkTools(definitions: Record<string, ToolDefinition<any>>): ToolSet {
  const out: ToolSet = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const schema = resolveSchema(definition.parameters, `tool ${name}`);
    out[name] = tool({
      description: definition.description,
      inputSchema: jsonSchema(schema.jsonSchema, {
        validate: (value) => {
          const checked = schema.validate(value);
          return checked.ok
            ? { success: true, value: checked.value }
            : { success: false, error: new Error(`${name}: ${checked.problem}`) };
        },
      }),
      execute: async (input: unknown, context: { abortSignal?: AbortSignal }) =>
        definition.execute(input as never, { signal: context.abortSignal }),
    });
  }
  return out;
}

type ContentPart =
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'tool-result'; toolCallId: string; output: unknown }
  | { type: 'tool-error'; toolCallId: string; error: unknown }
  | { type: string; toolCallId?: string };

function stepRecords(content: ContentPart[]): ToolCallRecord[] {
  const records = new Map<string, ToolCallRecord>();
  for (const part of content) {
    if (part.type === 'tool-call' && 'toolName' in part)
      records.set(part.toolCallId, { id: part.toolCallId, name: part.toolName, input: part.input });
    else if (part.type === 'tool-result' && 'output' in part) {
      const record = records.get(part.toolCallId);
      if (record) record.output = part.output;
    } else if (part.type === 'tool-error' && 'error' in part) {
      const record = records.get(part.toolCallId);
      if (record) record.error = part.error instanceof Error ? part.error.message : String(part.error);
    }
  }
  return [...records.values()];
}

// Handlers of the experiment life cycle (admin): create (variants validated against the served pipeline config, so
// a bad override is a 400 naming its field, not a failing request later), start and stop. Each change is read back
// by this process's assigner at once; other processes see it within serving.experimentsRefreshSeconds.

import { ConfigError } from '../../core/errors.ts';
import { parseExperimentInput } from '../../eval/experiments/experiment.ts';
import { ExperimentRepository } from '../../eval/experiments/experiment-repository.ts';
import { variantPipelineConfig } from '../../pipeline/pipeline-variants.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function createExperiment({ body, services, reply }: HandlerInput<unknown, unknown, unknown>) {
  const input = parseExperimentInput(body, 'body');
  input.variants.forEach((variant, index) => {
    const field = `variants[${index}].config.pipeline`;
    const pipeline = isRecord(variant.config) ? variant.config.pipeline : undefined;
    if (pipeline === undefined) return;
    if (!isRecord(pipeline))
      throw new HttpError(400, `${field}: must be an object (a partial serving.pipeline)`, { field });
    try {
      variantPipelineConfig(services.config.serving.pipeline, pipeline, field);
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      const inner = (error.context as { field?: string } | undefined)?.field;
      throw new HttpError(400, error.message, { field: inner ? `${field}.${inner}` : field });
    }
  });
  const experiment = await new ExperimentRepository(services.store).create(input);
  await services.experiments.refresh();
  reply.code(201);
  return experiment;
}

export async function startExperiment({ params, services }: HandlerInput<{ id: string }>) {
  const experiment = await new ExperimentRepository(services.store).start(params.id);
  await services.experiments.refresh();
  return experiment;
}

export async function stopExperiment({ params, services }: HandlerInput<{ id: string }>) {
  const experiment = await new ExperimentRepository(services.store).stop(params.id);
  await services.experiments.refresh();
  return experiment;
}

// Handlers of feedback: a batch in (accumulate or overwrite, idempotency keys), and a user's events out.

import type { z } from 'zod';
import { experimentsContextKey, experimentsMap } from '../../eval/experiments/exposure.ts';
import type { FeedbackInput } from '../../store/store.ts';
import { mayActAs } from '../auth/acting.ts';
import { HttpError } from '../http-error.ts';
import type { HandlerInput } from '../route.ts';
import type { feedbackBatchSchema, feedbackQuery } from '../schemas/feedback.ts';

export async function postFeedback({
  body,
  principal,
  services,
}: HandlerInput<unknown, unknown, z.output<typeof feedbackBatchSchema>>) {
  // While experiments run, clicks and purchases carry the user's variants, so that an experiment's report counts
  // them also when they name no request id (a purchase on the product page). Exposures are logged by the server.
  const tagging = services.experiments.running.length > 0;
  const events: FeedbackInput[] = body.events.map((event, index) => {
    if (!mayActAs(principal, event.userId, services)) {
      throw new HttpError(403, `events[${index}].userId: this session may only send feedback for its own user`, {
        field: `events[${index}].userId`,
      });
    }
    const context: Record<string, unknown> = { ...event.context };
    if (event.source !== undefined) context.source = event.source;
    if (event.position !== undefined) context.position = event.position;
    if (event.requestId !== undefined) context.requestId = event.requestId;
    if (event.propensity !== undefined) context.propensity = event.propensity;
    if (tagging && event.type !== 'impression' && context[experimentsContextKey] === undefined) {
      const assignments = services.experiments.assignNow(event.userId);
      if (assignments.length) context[experimentsContextKey] = experimentsMap(assignments);
    }
    return {
      userId: event.userId,
      itemId: event.itemId,
      type: event.type,
      value: event.value,
      timestamp: event.timestamp,
      idempotencyKey: event.idempotencyKey,
      context: Object.keys(context).length ? context : undefined,
    };
  });
  return services.writer.write(events, { mode: body.mode, createMissing: body.createMissing });
}

export async function getUserFeedback({
  params,
  query,
  principal,
  services,
}: HandlerInput<{ id: string }, z.output<typeof feedbackQuery>>) {
  if (!mayActAs(principal, params.id, services)) {
    throw new HttpError(403, 'this session may only read its own feedback', { field: 'id' });
  }
  const events = await services.store.feedback.forUser(params.id, {
    limit: query.limit,
    types: query.types,
    since: query.since,
  });
  return { events };
}

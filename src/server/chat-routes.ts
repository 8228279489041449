// The chat and shopping-assistant routes (registered in routes.ts): a turn as server-sent events, a plan as JSON,
// and a stored conversation.

import * as chat from './handlers/chat.ts';
import { type RouteDefinition, route } from './route.ts';
import { chatBodySchema, chatResultSchema, sessionQuery, sessionResponseSchema } from './schemas/chat.ts';
import { errorResponses, idParams } from './schemas/common.ts';

export function chatRoutes(): RouteDefinition[] {
  return [
    route({
      method: 'POST',
      url: '/api/chat',
      access: 'storefront',
      summary:
        'One chat turn as server-sent events (start, transcript, progress, tool, token, item, plan, audio, done, error); JSON with Accept: application/json',
      tags: ['assistant'],
      schemas: { body: chatBodySchema, response: { 200: chatResultSchema, ...errorResponses } },
      handler: chat.chat,
    }),
    route({
      method: 'POST',
      url: '/api/assistant/plan',
      access: 'storefront',
      summary:
        'A shopping plan (needs, bundle within the budget, checklist) as JSON; events with Accept: text/event-stream',
      tags: ['assistant'],
      schemas: { body: chatBodySchema, response: { 200: chatResultSchema, ...errorResponses } },
      handler: chat.plan,
    }),
    route({
      method: 'GET',
      url: '/api/chat/sessions/:id',
      access: 'storefront',
      summary: 'A stored conversation: turns, summary and plan',
      tags: ['assistant'],
      schemas: {
        params: idParams,
        querystring: sessionQuery,
        response: { 200: sessionResponseSchema, ...errorResponses },
      },
      handler: chat.session,
    }),
  ];
}

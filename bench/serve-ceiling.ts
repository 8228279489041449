// The ceiling of bench:serve: bare Fastify answering one fixed JSON body (the bytes of a real 10-item answer).
// Run by bench/serve.ts as a child process: node bench/serve-ceiling.ts PORT BODY_FILE

import fs from 'node:fs';
import Fastify from 'fastify';

const [port, file] = process.argv.slice(2);
const body = fs.readFileSync(file, 'utf8');
const app = Fastify();
app.get('/', (_request, reply) => {
  reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });

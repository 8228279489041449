// `lmrec experiment create|start|stop|list|show|remove|assign|holdout|report|power` (and `simulate`, `ope` from
// experiment-simulate.ts): online experiments kept in the store, their reports, and the sample-size calculator.

import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { assignUser } from '../../eval/experiments/assignment.ts';
import type { ExperimentInput } from '../../eval/experiments/experiment.ts';
import { experimentReport } from '../../eval/experiments/experiment-report.ts';
import { ExperimentRepository } from '../../eval/experiments/experiment-repository.ts';
import { formatExperimentReport } from '../../eval/experiments/report-text.ts';
import { sampleSizeForMeans, sampleSizeForProportions } from '../../eval/experiments/statistics/power.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { registerExperimentSimulation } from './experiment-simulate.ts';
import { numberFlag } from './number-flag.ts';

/** JSON given inline or as `@file`. */
function jsonFlag(text: string, flag: string): unknown {
  const file = text.startsWith('@') ? text.slice(1) : null;
  let source = text;
  if (file !== null) {
    if (!fs.existsSync(file))
      throw new InvalidInputError(`--${flag}: file ${file} does not exist`, { context: { file } });
    source = fs.readFileSync(file, 'utf8');
  }
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new InvalidInputError(`--${flag}${file ? ` (${file})` : ''} is not valid JSON: ${(error as Error).message}`, {
      context: { field: flag, file: file ?? undefined },
    });
  }
}

interface CreateOptions {
  name?: string;
  id?: string;
  description?: string;
  variants?: string;
  layer?: string;
  salt?: string;
  traffic?: string;
  control?: string;
  primary?: string;
  guardrail?: string[];
  alpha?: string;
  mde?: string;
  preperiodDays?: string;
  from?: string;
  start?: boolean;
  json?: boolean;
}

function createInput(options: CreateOptions): ExperimentInput {
  const base = (options.from ? jsonFlag(options.from, 'from') : {}) as Record<string, unknown>;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    throw new InvalidInputError('--from must hold a JSON object', { context: { field: 'from' } });
  }
  const input: Record<string, unknown> = { ...base };
  if (options.name !== undefined) input.name = options.name;
  if (options.id !== undefined) input.id = options.id;
  if (options.description !== undefined) input.description = options.description;
  if (options.layer !== undefined) input.layer = options.layer;
  if (options.salt !== undefined) input.salt = options.salt;
  if (options.control !== undefined) input.control = options.control;
  if (options.primary !== undefined) input.primaryMetric = options.primary;
  if (options.variants !== undefined) input.variants = jsonFlag(options.variants, 'variants');
  if (options.traffic !== undefined) input.traffic = numberFlag(options.traffic, 'traffic', { min: 0, max: 1 });
  if (options.alpha !== undefined) input.alpha = numberFlag(options.alpha, 'alpha', { min: 0, max: 0.5 });
  if (options.mde !== undefined) input.minimumDetectableEffect = numberFlag(options.mde, 'mde', { min: 0 });
  if (options.preperiodDays !== undefined) {
    input.preperiodDays = numberFlag(options.preperiodDays, 'preperiod-days', { min: 0, max: 365 });
  }
  if (options.guardrail?.length) {
    input.guardrails = options.guardrail.map((text) => {
      const [metric, tolerance] = text.split(':');
      if (!metric || tolerance === undefined) {
        throw new InvalidInputError(
          `--guardrail must look like metric:tolerance, e.g. revenuePerUser:0.05 (got ${text})`,
          {
            context: { field: 'guardrail' },
          },
        );
      }
      return { metric, tolerance: numberFlag(tolerance, 'guardrail', { min: 0 }) };
    });
  }
  if (input.name === undefined)
    throw new InvalidInputError('--name is required (or a name in --from)', { context: { field: 'name' } });
  return input as unknown as ExperimentInput;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerExperiment(program: Command): void {
  const experiment = program
    .command('experiment')
    .description(
      'online experiments: A/B tests with layers and holdouts, reports, power, simulation, off-policy evaluation',
    );
  experiment
    .command('create')
    .description('create an experiment (a draft until started)')
    .option('--name <text>', 'name')
    .option('--id <id>', 'id (default: from the name)')
    .option('--description <text>', 'what is tested and why')
    .option('--variants <json|@file>', 'variants: [{"name", "weight", "config"}], the first is the control')
    .option('--layer <name>', 'layer: experiments of one layer never share a user (default: its own)')
    .option('--salt <text>', 'salt of the assignment hash (default: the id)')
    .option('--traffic <share>', "share of the layer's users in the experiment, 0 … 1 (default 1)")
    .option('--control <variant>', 'the control variant (default: the first)')
    .option('--primary <metric>', 'primary metric: ctr, cvr, revenuePerUser, clicksPerUser, conversionRate, …')
    .option(
      '--guardrail <metric:tolerance>',
      'guardrail metric and its tolerated relative degradation (repeatable)',
      collect,
    )
    .option('--alpha <level>', 'significance level (default 0.05)')
    .option('--mde <relative>', 'minimum detectable effect, relative (default 0.05)')
    .option('--preperiod-days <n>', 'days before the start used by CUPED (default 28, 0: off)')
    .option('--from <json|@file>', 'the whole definition as JSON (flags override its fields)')
    .option('--start', 'start it right away')
    .option('--json', 'print the experiment as JSON')
    .action(async (options: CreateOptions, command: Command) => {
      await withStore(command, async (store) => {
        const repository = new ExperimentRepository(store);
        let created = await repository.create(createInput(options));
        if (options.start) created = await repository.start(created.id);
        if (options.json) return printJson(created);
        process.stdout.write(
          `experiment ${created.id} created (${created.status}): layer ${created.layer}, buckets ${created.range[0]}–${created.range[1]} of 10,000, variants ${created.variants.map((variant) => `${variant.name}×${variant.weight}`).join(', ')}\n`,
        );
      });
    });
  for (const [name, description] of [
    ['start', 'start assigning users'],
    ['stop', 'stop assigning users (the report keeps the data up to now)'],
  ] as const) {
    experiment
      .command(`${name} <id>`)
      .description(description)
      .action(async (id: string, _options: unknown, command: Command) => {
        await withStore(command, async (store) => {
          const repository = new ExperimentRepository(store);
          const changed = name === 'start' ? await repository.start(id) : await repository.stop(id);
          process.stdout.write(`experiment ${changed.id} is ${changed.status}\n`);
        });
      });
  }
  experiment
    .command('remove <id>')
    .description('delete a draft or stopped experiment (its events stay in the store)')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        await new ExperimentRepository(store).remove(id);
        process.stdout.write(`experiment ${id} removed\n`);
      });
    });
  experiment
    .command('list')
    .description('the experiments in the store')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const experiments = await new ExperimentRepository(store).list();
        if (options.json) return printJson(experiments);
        if (!experiments.length) return void process.stdout.write('no experiments (lmrec experiment create)\n');
        printTable(
          experiments.map((entry) => ({
            id: entry.id,
            status: entry.status,
            layer: entry.layer,
            traffic: `${(entry.traffic * 100).toFixed(1)}%`,
            variants: entry.variants.map((variant) => variant.name).join(','),
            primary: entry.primaryMetric,
            started: entry.startedAt ? new Date(entry.startedAt).toISOString().slice(0, 16) : '',
          })),
        );
      });
    });
  experiment
    .command('show <id>')
    .description('one experiment as JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => printJson(await new ExperimentRepository(store).get(id)));
    });
  experiment
    .command('assign <userId>')
    .description("a user's variants in the running experiments")
    .option('--json', 'as JSON')
    .action(async (userId: string, options: { json?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const repository = new ExperimentRepository(store);
        const assignments = assignUser(await repository.list(), userId, await repository.settings());
        if (options.json) return printJson(assignments);
        if (!assignments.length) return void process.stdout.write(`${userId} is in no running experiment\n`);
        for (const assignment of assignments) {
          process.stdout.write(
            `${assignment.experimentId}: ${assignment.variant} ${JSON.stringify(assignment.config)}\n`,
          );
        }
      });
    });
  experiment
    .command('holdout <share>')
    .description('hold a share of all users (0 … 0.5) out of every experiment')
    .option('--salt <text>', 'salt of the holdout hash (a new salt draws a new group)')
    .action(async (share: string, options: { salt?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const settings = await new ExperimentRepository(store).setSettings({
          holdout: numberFlag(share, 'share', { min: 0, max: 0.5 }),
          ...(options.salt ? { holdoutSalt: options.salt } : {}),
        });
        process.stdout.write(`holdout ${(settings.holdout * 100).toFixed(1)}% (salt ${settings.holdoutSalt})\n`);
      });
    });
  experiment
    .command('report <id>')
    .description('metrics per variant, tests with intervals, CUPED, sequential test, guardrails, SRM check, verdict')
    .option('--json', 'as JSON (what GET /api/experiments/:id/report returns)')
    .option('--markdown', 'as Markdown')
    .option('--no-cuped', 'without CUPED')
    .action(async (id: string, options: { json?: boolean; markdown?: boolean; cuped: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const report = await experimentReport(store, id, { cuped: options.cuped });
        if (options.json) return printJson(report);
        process.stdout.write(formatExperimentReport(report, { markdown: options.markdown }));
      });
    });
  experiment
    .command('power')
    .description('sample size per variant to detect an effect (proportions, or means with --sd)')
    .requiredOption('--baseline <value>', "the control's rate (0 … 1) or mean")
    .requiredOption('--effect <relative>', 'relative effect to detect, e.g. 0.05')
    .option('--sd <value>', 'per-user standard deviation (means and ratio metrics); proportions without it')
    .option('--alpha <level>', 'significance level', '0.05')
    .option('--power <level>', 'wanted power', '0.8')
    .option('--ratio <n>', 'treatment users per control user', '1')
    .option('--variance-reduction <share>', "CUPED's share of variance removed (0 … 1)", '0')
    .option('--json', 'as JSON')
    .action(
      (options: {
        baseline: string;
        effect: string;
        sd?: string;
        alpha: string;
        power: string;
        ratio: string;
        varianceReduction: string;
        json?: boolean;
      }) => {
        const design = {
          baseline: numberFlag(options.baseline, 'baseline'),
          relativeEffect: numberFlag(options.effect, 'effect'),
          alpha: numberFlag(options.alpha, 'alpha', { min: 0, max: 1 }),
          power: numberFlag(options.power, 'power', { min: 0, max: 1 }),
          ratio: numberFlag(options.ratio, 'ratio', { min: 0 }),
        };
        const size =
          options.sd === undefined
            ? sampleSizeForProportions(design)
            : sampleSizeForMeans({
                ...design,
                standardDeviation: numberFlag(options.sd, 'sd', { min: 0 }),
                varianceReduction: numberFlag(options.varianceReduction, 'variance-reduction', { min: 0, max: 1 }),
              });
        if (options.json) return printJson(size);
        process.stdout.write(
          `${thousands(size.control)} control + ${thousands(size.treatment)} treatment users (${thousands(size.total)} in all) detect ${options.effect} relative (${size.absoluteEffect.toPrecision(3)} absolute) at α = ${size.alpha} with power ${size.power}\n`,
        );
      },
    );
  registerExperimentSimulation(experiment);
}

const thousands = (value: number) => value.toLocaleString('en-US');

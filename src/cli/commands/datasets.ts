// `lmrec datasets list|download`: public datasets fetched from their official hosts (or a mirror), checked by
// SHA-256, resumed when interrupted, and unpacked ready for `lmrec import`.

import path from 'node:path';
import type { Command } from 'commander';
import { datasetCatalog } from '../../data/download/dataset-catalog.ts';
import { commandConfig, commandProgress, printJson, printTable } from '../context.ts';

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('list and download public datasets');
  datasets
    .command('list')
    .description('datasets that `datasets download` knows')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) printJson(datasetCatalog);
      else
        printTable(
          datasetCatalog.map((entry) => ({
            name: entry.name,
            size: `${(entry.size / 1e6).toFixed(1)} MB`,
            description: entry.description,
          })),
        );
    });
  datasets
    .command('download')
    .description('download, check (SHA-256) and unpack a dataset; an interrupted download resumes')
    .argument('<name>', datasetCatalog.map((entry) => entry.name).join(' | '))
    .option('--to <dir>', 'destination folder (default <cacheDir>/datasets, env LMREC_CACHE)')
    .option('--mirror <url>', 'base URL serving the same archive names instead of files.grouplens.org')
    .option('--sha256 <hex>', 'expected SHA-256 instead of the known one (a mirror with a re-packed archive)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        name: string,
        options: { to?: string; mirror?: string; sha256?: string; json?: boolean },
        command: Command,
      ) => {
        const { downloadDataset } = await import('../../data/download/download-dataset.ts');
        const config = await commandConfig(command);
        const to = options.to ?? path.join(config.cacheDir, 'datasets');
        const result = await downloadDataset({
          dataset: name,
          to,
          mirror: options.mirror,
          sha256: options.sha256,
          progress: commandProgress(command),
        });
        if (options.json) {
          printJson(result);
          return;
        }
        const how = result.cached
          ? 'already downloaded'
          : result.resumedFrom > 0
            ? `resumed at ${result.resumedFrom.toLocaleString('en-US')} bytes`
            : 'downloaded';
        process.stdout.write(
          `${result.name}: ${how}, checksum ok, unpacked to ${result.folder}\nimport it with: lmrec import ${result.format} ${result.folder}\n`,
        );
      },
    );
}

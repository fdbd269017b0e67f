/** The `palisade` program: one file per command. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { complianceCommand } from './compliance.js';
import { EXIT } from './io.js';
import { pssCommand } from './pss.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { secretsCommand } from './secrets.js';
import { webhookCommand } from './webhook.js';

export function program(): Command {
  const root = new Command('palisade')
    .description('Keeps Kubernetes workloads secure, reliable and compliant')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    // Program options only before the command: `palisade pss --version v1.30` is pss's option.
    .enablePositionalOptions()
    .exitOverride()
    .addCommand(scanCommand())
    .addCommand(rulesCommand())
    .addCommand(pssCommand())
    .addCommand(complianceCommand())
    .addCommand(webhookCommand())
    .addCommand(secretsCommand());
  // Commands added with addCommand do not inherit exitOverride: without this, a bad option of a
  // subcommand (`scan -o xml`) would exit 1, which reads as "findings", instead of 2.
  const override = (cmd: Command): void => {
    cmd.exitOverride().showHelpAfterError();
    cmd.commands.forEach(override);
  };
  override(root);
  return root;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; any other parse error is a usage error.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.error;
      return;
    }
    process.stderr.write(`palisade: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.error;
  }
}

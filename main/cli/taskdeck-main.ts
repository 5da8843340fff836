// The CLI as a process without a build (`node --import tsx main/cli/taskdeck-main.ts …`), as bin/taskdeck.mjs runs the built one.
import { runCli } from './taskdeck-cli';

process.exitCode = await runCli(process.argv.slice(2));

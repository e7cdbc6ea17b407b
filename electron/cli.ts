import { main } from './recorder/cli/main';

// `stint`: bundled into dist/cli.js and run by bin/stint.js.

// Output goes through recorder/cli/stdout.ts, which ends quietly when the reader closes the pipe (`stint ... | head`).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);

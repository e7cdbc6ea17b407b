import { main } from './recorder/cli/main';

// `stint`: bundled into dist/cli.js and run by bin/stint.js.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);

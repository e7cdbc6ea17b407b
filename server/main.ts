import { main } from './cli';

// `stint-server`: bundled into dist/server.js and run by bin/stint-server.js.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);

// The CLI straight from source (tests need no build step).
import { main } from '../../src/cli/main.js';

await main(process.argv);

import { adapterContract } from '../contract/adapter-contract.js';
import { consoleHarness } from './console-harness.js';

adapterContract('console', (bot) => consoleHarness(bot));

import { adapterContract } from '../contract/adapter-contract.js';
import { slackHarness } from './slack-harness.js';

adapterContract('slack (HTTP mode)', (bot) => slackHarness(bot));

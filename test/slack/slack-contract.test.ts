import { adapterContract } from '../contract/adapter-contract.js';
import { slackHarness, slackSocketHarness } from './slack-harness.js';

adapterContract('slack (HTTP mode)', (bot) => slackHarness(bot));
adapterContract('slack (Socket Mode)', (bot) => slackSocketHarness(bot));

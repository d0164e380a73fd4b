import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bot as `npm start` runs it (src/main.ts under tsx), with its console door fed through a pipe. */
export class RunningBot {
  /** stdout and stderr together, as they arrived. */
  out = '';
  /** stdout alone: what the person at the console reads. */
  chat = '';
  /** The ops endpoints' port. */
  port = 0;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d) => {
      this.out += d;
      this.chat += d;
    });
    child.stderr.on('data', (d) => (this.out += d));
  }

  /**
   * Starts it with its store at `dir`/store.db and its articles folder at `dir`/articles, no LLM,
   * JSON info logs and ops on a free loopback port (plus `env`), and waits until it is ready.
   */
  static async start(dir: string, env: Record<string, string> = {}): Promise<RunningBot> {
    const bot = new RunningBot(
      spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          BRIEFBOT_STORE: join(dir, 'store.db'),
          BRIEFBOT_ARTICLES: join(dir, 'articles'),
          HTTP_PORT: '0',
          HTTP_HOST: '127.0.0.1',
          LOG_FORMAT: 'json',
          // The console door drops logs to warnings unless asked: the tests read the info lines.
          LOG_LEVEL: 'info',
          OPENAI_API_KEY: '',
          OPENAI_BASE_URL: '',
          ...env,
        },
      }),
    );
    try {
      const listening = await bot.waitFor(/"port":\d+[^\n]*ops endpoints listening/);
      bot.port = Number(/"port":(\d+)/.exec(listening)![1]);
      await bot.waitFor(/"msg":"ready"/);
      return bot;
    } catch (err) {
      bot.kill();
      throw err;
    }
  }

  /** The first match of `pattern` in the output from `from` on, polled until `timeoutMs`. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 30_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const m = pattern.exec(this.out.slice(from));
      if (m) return m[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${pattern}; output so far:\n${this.out.slice(-3000)}`);
  }

  /** Types a line at the console and waits for `expected` in what follows. */
  say(line: string, expected: RegExp, timeoutMs?: number): Promise<string> {
    const from = this.out.length;
    this.child.stdin.write(`${line}\n`);
    return this.waitFor(expected, from, timeoutMs);
  }

  /** Kills it at once if it is still running. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

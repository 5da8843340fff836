import { operations, type OpName, type StreamOpName } from '../../shared/api/contract';
import { ApiFailure, HttpTransport, type Authorize } from '../../shared/api/http-transport';
import { credentialAuthorizer } from '../../shared/api/request-signing';
import { configPath, readConfig, resolveTarget, type CliConfig, type Target } from './cli-config';
import { CliApiError } from './cli-errors';
import type { CliIo } from './cli-io';

export interface GlobalFlags {
  url?: string;
  token?: string;
  context?: string;
}

/** A command's way to the API: the resolved target, its transport, and calls whose errors are values to print. */
export class CliClient {
  readonly configFile: string;
  private cachedConfig: CliConfig | undefined;

  constructor(
    readonly io: CliIo,
    private readonly globals: () => GlobalFlags,
    /** Signed requests whenever the token can sign (security level 1 needs them; level 0 takes them too). */
    private readonly authorize: (target: Target) => Authorize = (t) => credentialAuthorizer(() => t.token),
  ) {
    this.configFile = configPath(io.env);
  }

  config(): CliConfig {
    this.cachedConfig ??= readConfig(this.configFile);
    return this.cachedConfig;
  }

  target(): Target {
    return resolveTarget(this.globals(), this.io.env, this.config());
  }

  transport(target = this.target()): HttpTransport {
    return new HttpTransport({ baseUrl: target.url, authorize: this.authorize(target), unreachable: `cannot reach ${target.url}; start it with "taskdeck serve", or set --url / TASKDECK_URL` });
  }

  /** A stream (the event stream) with this client's auth; a refusal is thrown as a CliApiError. */
  async openStream(pathWithQuery: string, signal: AbortSignal): Promise<Response> {
    try {
      return await this.transport().open('GET', pathWithQuery, signal);
    } catch (err) {
      if (err instanceof ApiFailure) throw CliApiError.of(err.body);
      throw err;
    }
  }

  /** A stream operation (a log download): each piece to `onChunk` as it arrives; a refusal is thrown as a CliApiError. */
  async stream(name: StreamOpName, input: Record<string, unknown>, onChunk: (text: string) => unknown): Promise<void> {
    const r = await this.transport().stream(name, input, onChunk);
    if (!r.ok) throw CliApiError.of(r.body);
  }

  /** Call an operation; a refusal is thrown as a CliApiError naming the fields (`place` adds their line in a config file). */
  async call(name: OpName, input: Record<string, unknown>, place?: (field: string) => string): Promise<unknown> {
    const target = this.target();
    if (operations[name].permission !== null && !target.token) {
      throw new CliApiError('unauthorized', `not signed in to ${target.url} (context ${target.context}): run "taskdeck login --user-name NAME", or set TASKDECK_TOKEN`);
    }
    const r = await this.transport(target).call(name, input);
    if (r.ok) return r.data;
    throw CliApiError.of(r.body, place);
  }
}

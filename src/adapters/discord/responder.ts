import { Routes, type APIInteractionResponse, type REST } from 'discord.js';

/**
 * The three ways to answer an interaction. Only the first response travels differently: a REST
 * callback for interactions from the gateway, the HTTP response itself for HTTP interactions.
 * Edits and follow-ups always go through the interaction's webhook (its token, no bot token).
 */
export interface InteractionResponder {
  /** The initial response (reply, deferral, autocomplete choices, PONG); exactly once. */
  initial(response: APIInteractionResponse): Promise<void>;
  editOriginal(body: unknown): Promise<unknown>;
  followUp(body: unknown): Promise<unknown>;
  /** Whether the initial response has been sent. */
  readonly answered: boolean;
}

export interface InteractionRef {
  id: string;
  token: string;
  application_id: string;
}

/** The webhook half, shared by both transports. */
export function webhookCalls(rest: REST, i: InteractionRef): Pick<InteractionResponder, 'editOriginal' | 'followUp'> {
  return {
    editOriginal: (body) =>
      rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), { body, auth: false }),
    followUp: (body) => rest.post(Routes.webhook(i.application_id, i.token), { body, auth: false }),
  };
}

/** Gateway interactions: the initial response is POSTed to the interaction's callback. */
export function callbackResponder(rest: REST, i: InteractionRef): InteractionResponder {
  let answered = false;
  return {
    ...webhookCalls(rest, i),
    get answered() {
      return answered;
    },
    async initial(response) {
      answered = true;
      await rest.post(Routes.interactionCallback(i.id, i.token), { body: response, auth: false });
    },
  };
}

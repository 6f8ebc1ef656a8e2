import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ChannelParams,
  ChannelSettingsBody,
  ChannelSettingsList,
  errorResponses,
  SETTINGS_CHANNELS,
} from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";
import { liveVersions } from "../store/flow-versions.js";

/**
 * The "Canaux" admin page's API: each provider channel's settings (secrets only as "stored"), the
 * webhook address to give the provider, and saving them, which turns the channel on or off at once.
 */
const channelSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = requireRole("admin");
  const tags = ["channels"];
  const list = () => app.channelConfig.views(app.config.publicUrl);

  app.get(
    "/api/channel-settings",
    {
      schema: {
        tags,
        description: "WhatsApp, Messenger and SMS: on or off, where their settings come from, the webhook address.",
        response: { 200: ChannelSettingsList, ...errorResponses(401, 403) },
      },
      onRequest: admin,
    },
    async () => list(),
  );

  for (const channel of SETTINGS_CHANNELS) {
    app.put(
      `/api/channel-settings/${channel}`,
      {
        schema: {
          tags,
          description: `Saves the ${channel} settings over the environment's; secrets left out keep their stored value.`,
          body: ChannelSettingsBody[channel],
          response: { 200: ChannelSettingsList, ...errorResponses(400, 401, 403, 413, 415) },
        },
        onRequest: admin,
      },
      async (request) => {
        const { body } = request;
        if (!(await liveVersions(app.store)).has(body.flowId)) {
          throw new DomainError(
            "invalid",
            "UNKNOWN_FLOW",
            `The flow \`${body.flowId}\` is not published; publish it before a channel starts it.`,
            [
              {
                code: "channel/unknown-flow",
                params: { flow: body.flowId },
                severity: "error",
                file: "body",
                pointer: "/flowId",
                message: `The flow \`${body.flowId}\` is not published.`,
              },
            ],
          );
        }
        await app.channelConfig.save(channel, body, request.user?.email ?? "admin");
        request.log.info({ channel, enabled: body.enabled }, "channel settings saved");
        return list();
      },
    );
  }

  app.delete(
    "/api/channel-settings/:channel",
    {
      schema: {
        tags,
        description: "Forgets the admin's settings for a channel: the environment's apply again.",
        params: ChannelParams,
        response: { 200: ChannelSettingsList, ...errorResponses(400, 401, 403) },
      },
      onRequest: admin,
    },
    async (request) => {
      const { channel } = request.params;
      await app.channelConfig.clear(channel);
      return list();
    },
  );
};

export default channelSettingsRoutes;

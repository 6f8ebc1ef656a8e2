import fp from "fastify-plugin";
import { ChannelConfig } from "../channels/channel-config.js";
import { channelSettingsFromEnv } from "../channels/channel-settings.js";
import { Outbox } from "../channels/outbox.js";
import { ProviderHttp } from "../channels/provider-http.js";
import { ChannelRegistry, PROVIDER_CHANNELS } from "../channels/registry.js";
import { restSender } from "../channels/rest-sender.js";
import { SecretBox } from "../channels/secret-box.js";
import { WebchatSessions } from "../channels/webchat-sessions.js";
import { StepWriter } from "../conversation/step-writer.js";
import { HttpClient } from "../http-client/http-client.js";
import { describeFailure } from "../store/failure.js";
import { Processor } from "../worker/processor.js";

declare module "fastify" {
  interface FastifyInstance {
    webchat: WebchatSessions;
    /** The provider channels (WhatsApp, Messenger, SMS) that are on, with their adapters. */
    channels: ChannelRegistry;
    /** The channel settings admins set, stored encrypted, laid over the environment's. */
    channelConfig: ChannelConfig;
  }
}

/**
 * The message pipeline: inbox → processor → outbox, with each channel's sender. At start it
 * resumes what a crash left: unprocessed inbox rows and unsent outbox rows.
 */
export default fp(
  async (app) => {
    const { config } = app;
    const httpClient = new HttpClient({
      allow: config.httpAllow,
      maxResponseBytes: config.httpMaxResponseBytes,
      own: { origin: new URL(config.publicUrl).origin, paths: config.sampleCrm ? ["/sample-crm/"] : [] },
      secretValues: [...config.flowSecrets.values()],
    });
    app.decorate("httpClient", httpClient);
    const outbox = new Outbox(app.store, app.log, {
      ...config.outboxRetry,
      onGiveUp: ({ conversationId, outboxId, attempts, error }) =>
        app.live.publish({ type: "conversation.delivery_failed", conversationId, outboxId, attempts, error }),
      onSent: ({ conversationId, outboxId }) =>
        app.live.publish({ type: "conversation.delivery", conversationId, outboxId, status: "sent" }),
      onRoundFailed: (error) => {
        if (!app.storageFull(error, "outbox round") && !app.dbHealth.failed(error))
          app.log.error({ failure: describeFailure(error) }, "outbox round failed");
      },
    });
    app.decorate("outbox", outbox);
    const webchat = new WebchatSessions(app.store.bus, () => void outbox.flush());
    app.decorate("webchat", webchat);
    outbox.register("webchat", webchat.sender(), (message) => webchat.unheard(message.address));
    // Operator-configured destinations: trusted by configuration, bounded in time and size.
    const providerHttp = new ProviderHttp({ timeoutMs: 10_000, maxResponseBytes: 1_000_000 });
    outbox.register("rest", restSender(config.env.RELAIS_REST_CALLBACK_URL, providerHttp));
    const channels = new ChannelRegistry(providerHttp, channelSettingsFromEnv(config.env));
    app.decorate("channels", channels);
    const channelConfig = new ChannelConfig(
      app.store,
      SecretBox.load(config.env, config.dataDir),
      channels,
      config.env,
      (error) => app.log.error({ why: (error as Error).message }, "channel settings not applied"),
    );
    await channelConfig.reload();
    app.decorate("channelConfig", channelConfig);
    for (const channel of PROVIDER_CHANNELS) outbox.register(channel, channels.sender(channel, app.store));
    const pushChannels = new Set<string>(PROVIDER_CHANNELS);
    const steps = new StepWriter({
      store: app.store,
      metrics: app.metrics,
      live: app.live,
      log: app.log,
      flushOutbox: () => void outbox.flush(),
      pushChannels,
    });
    app.decorate("steps", steps);
    const processor = new Processor({
      store: app.store,
      flows: app.published,
      http: httpClient,
      config,
      metrics: app.metrics,
      live: app.live,
      log: app.log,
      steps,
      flushOutbox: () => void outbox.flush(),
      pushChannels,
    });
    app.decorate("processor", processor);
    const resume = async () => {
      const resumed = await processor.resumePending();
      if (resumed > 0) app.log.info({ conversations: resumed }, "resumed unprocessed messages");
      // Not waited for: a provider slow to answer must not keep the runtime from listening.
      void outbox.flush();
    };
    // The database going away between start-up and here fails no start: what waits is taken up once it is back.
    app.addHook("onReady", async () => {
      try {
        await resume();
      } catch (error) {
        if (!app.dbHealth.failed(error)) throw error;
      }
    });
    app.dbHealth.onRecovered(resume);
    app.addHook("preClose", async () => {
      webchat.closeAll();
    });
    app.addHook("onClose", async () => {
      await processor.idle();
      channelConfig.close();
      outbox.stop();
      await outbox.flush();
      await httpClient.close();
      await providerHttp.close();
    });
  },
  { name: "channels", dependencies: ["db", "flows", "queue"] },
);

import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import { t } from '../../i18n/index.js';
import type { AppDeps } from '../../platform/ports.js';
import { registerWechatyOutlet, runWechatTurn, splitUtf8, wechatText } from '../wechat-oa/index.js';
import { wechatyInbound } from './wechaty-inbound.js';

/** A personal chat message is cut well below WeChat's limit, so long answers arrive as a few messages. */
const MAX_MESSAGE_BYTES = 2_000;

export interface WechatyOptions {
  /** A puppet package name (WECHATY_PUPPET), or a puppet instance (tests: wechaty-puppet-mock's PuppetMock). */
  puppet: string | object;
  puppetToken?: string;
}

export interface RunningWechaty {
  /** The Wechaty instance, for tests and the log. */
  bot: unknown;
  stop(): Promise<void>;
}

/**
 * Starts a Wechaty bot that talks to parents exactly as the web chat does: each one-to-one message goes through
 * the engine and the replies go back to the same contact; group chats get a polite pointer to a private chat
 * when they mention the bot. Node only: `wechaty` is an optional dependency imported here at run time, so
 * neither the Worker nor a deployment without WECHATY_PUPPET ever loads it.
 */
export async function startWechaty(
  deps: AppDeps,
  engine: ConversationEngine,
  options: WechatyOptions,
): Promise<RunningWechaty> {
  const { WechatyBuilder, types } = await import('wechaty');
  const bot =
    typeof options.puppet === 'string'
      ? WechatyBuilder.build({
          name: 'mingbai',
          // A package name checked by the configuration (any wechaty-puppet-*); Wechaty's type lists only the
          // puppets it knows by name, and imports the package itself.
          puppet: options.puppet as never,
          ...(options.puppetToken ? { puppetOptions: { token: options.puppetToken } } : {}),
        })
      : WechatyBuilder.build({ name: 'mingbai', puppet: options.puppet as never });

  const log = deps.logger;
  const say = async (contact: { say(text: string): Promise<unknown> }, text: string) => {
    for (const piece of splitUtf8(text, MAX_MESSAGE_BYTES)) await contact.say(piece);
  };

  bot.on('message', async (message) => {
    try {
      // The bot also receives what it sends itself.
      if (message.self()) return;
      const talker = message.talker();
      const room = message.room();
      if (room) {
        if (await message.mentionSelf()) await room.say(t(deps.config.DEFAULT_LOCALE, 'wechat.group_chat'));
        return;
      }
      const inbound = wechatyInbound(message, types.Message, deps.config.MAX_UPLOAD_BYTES, (error) =>
        log.warn('wechaty photo download failed', { error }),
      );
      const turn = await runWechatTurn(
        deps,
        engine,
        { via: 'wechaty', account: bot.currentUser.id, externalId: talker.id },
        inbound,
      );
      if (turn.messages.length === 0) return;
      await say(
        talker,
        wechatText(turn.messages, { locale: turn.locale, publicUrl: deps.config.PUBLIC_URL, links: 'plain' }),
      );
    } catch (error) {
      log.error('wechaty message failed', { error });
    }
  });

  // A parent adding the bot as a friend: accepted, and greeted like a new follower.
  bot.on('friendship', async (friendship) => {
    try {
      if (friendship.type() !== types.Friendship.Receive) return;
      await friendship.accept();
      const contact = friendship.contact();
      const turn = await runWechatTurn(
        deps,
        engine,
        { via: 'wechaty', account: bot.currentUser.id, externalId: contact.id },
        { type: 'follow' },
      );
      await say(
        contact,
        wechatText(turn.messages, { locale: turn.locale, publicUrl: deps.config.PUBLIC_URL, links: 'plain' }),
      );
    } catch (error) {
      log.error('wechaty friendship failed', { error });
    }
  });

  let unregister: (() => void) | null = null;
  bot.on('login', (user) => {
    log.info('wechaty logged in', { user: user.id });
    // Notices to `wy:` addresses go out through this bot while it is logged in.
    unregister = registerWechatyOutlet({
      async say(contactId, text) {
        const contact = await bot.Contact.find({ id: contactId });
        if (!contact) throw new Error(`wechaty contact ${contactId} not found`);
        await contact.say(text);
      },
    });
  });
  bot.on('logout', () => {
    unregister?.();
    unregister = null;
    log.warn('wechaty logged out');
  });
  bot.on('scan', (qrcode, status) => {
    // Someone must scan this with the pilot account's phone; the code itself is not a secret worth hiding.
    log.info('wechaty waiting for a scan', { status, qrcode });
  });
  bot.on('error', (error) => log.error('wechaty error', { error }));

  await bot.start();
  return {
    bot,
    async stop() {
      unregister?.();
      unregister = null;
      await bot.stop();
    },
  };
}
